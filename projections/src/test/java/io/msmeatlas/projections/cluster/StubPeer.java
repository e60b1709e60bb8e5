package io.msmeatlas.projections.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A stand-in for another projections instance: a JDK HTTP server that records each request and
 * answers as the test says.
 */
final class StubPeer implements AutoCloseable {

    /** A request as received; header names in lower case. */
    record Received(String pathAndQuery, Map<String, String> headers) {

        String partitions() {
            return headers.get("x-projections-partitions");
        }
    }

    /** What to do with a request. */
    @FunctionalInterface
    interface Behaviour {
        Answer answer(Received request) throws Exception;
    }

    record Answer(int status, Map<String, String> headers, String body) {

        static Answer json(String body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    StubPeer(Behaviour behaviour) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String query = exchange.getRequestURI().getRawQuery();
            Received request = new Received(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    headers);
            received.add(request);
            Answer answer;
            try {
                answer = behaviour.answer(request);
            } catch (Exception e) {
                answer = new Answer(500, Map.of(), e.toString());
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    HostInfo host() {
        return new HostInfo("localhost", server.getAddress().getPort());
    }

    /** An address where nothing listens: connecting is refused. */
    static HostInfo nobody() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new HostInfo("localhost", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
