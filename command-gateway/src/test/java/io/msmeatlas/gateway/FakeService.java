package io.msmeatlas.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A downstream service on a random port: records what reaches it, answers {@code /actuator/health}
 * with UP, echoes everything else as JSON, and can be told to answer or hang on given paths.
 */
final class FakeService implements AutoCloseable {

    record Received(String method, String pathAndQuery, com.sun.net.httpserver.Headers headers, String body) {
    }

    record Answer(int status, String contentType, String body) {
    }

    private static final Answer HANG = new Answer(0, "", "");
    private static final Answer DROP = new Answer(-1, "", "");
    private static final Answer HEALTHY = new Answer(200, "application/vnd.spring-boot.actuator.v3+json",
            "{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}");

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private FakeService(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeService start(String name) {
        return new FakeService(name);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests other than health checks, oldest first. */
    List<Received> received() {
        return received;
    }

    Received lastReceived() {
        return received.get(received.size() - 1);
    }

    void answer(String path, int status, String contentType, String body) {
        answers.put(path, new Answer(status, contentType, body));
    }

    /** Requests to this path get no answer until the service stops. */
    void hangOn(String path) {
        answers.put(path, HANG);
    }

    /** Requests to this path see the connection closed without an answer, as when the service dies mid-request. */
    void dropOn(String path) {
        answers.put(path, DROP);
    }

    void reset() {
        received.clear();
        answers.clear();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!path.equals("/actuator/health")) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders(), body));
            }
            Answer answer = answers.getOrDefault(path, path.equals("/actuator/health") ? HEALTHY : echo(exchange));
            if (answer == HANG) {
                released.await(30, TimeUnit.SECONDS);
                return;
            }
            if (answer == DROP) {
                // Closing the exchange before any status line makes the server drop the connection.
                return;
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer echo(HttpExchange exchange) {
        return new Answer(200, "application/json", "{\"service\":\"" + name + "\",\"method\":\""
                + exchange.getRequestMethod() + "\",\"path\":\"" + exchange.getRequestURI() + "\"}");
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || bytes.length == 0;
        exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
