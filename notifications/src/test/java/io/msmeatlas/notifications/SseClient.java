package io.msmeatlas.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A Server-Sent Events client as a browser's EventSource is: reads events as they arrive. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile Stream<String> lines;
    private volatile int status;

    SseClient(int port, String userId, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/notification/stream"))
                .header("Accept", "text/event-stream")
                .header("X-User-Id", userId)
                .header("X-User-Roles", "BUYER");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            status = answer.statusCode();
            lines = answer.body();
            List<String> pending = new ArrayList<>();
            try {
                lines.forEach(line -> {
                    if (!line.isEmpty()) {
                        pending.add(line);
                        return;
                    }
                    event(pending).ifPresent(events::add);
                    pending.clear();
                });
            } catch (RuntimeException closed) {
                // The test closed the stream.
            }
        });
    }

    /** 200 once connected, 0 before. */
    int status() {
        return status;
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    private static java.util.Optional<Event> event(List<String> lines) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line : lines) {
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry and unknown fields
                }
            }
        }
        return data == null ? java.util.Optional.empty() : java.util.Optional.of(new Event(id, name, data.toString()));
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
    }
}
