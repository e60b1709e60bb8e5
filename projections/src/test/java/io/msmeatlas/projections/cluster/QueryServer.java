package io.msmeatlas.projections.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The HTTP side of a {@link StreamsInstance}: {@code GET /items/{key}} answered through
 * {@link KeyedQuery} the way the listing controller will answer {@code GET /listings/{id}}, with the
 * value and the instance that read it as the body. It records every request it receives.
 */
final class QueryServer implements AutoCloseable {

    /** A request as this server saw it; header names in lower case. */
    record Received(String key, Map<String, String> headers) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private volatile StreamsInstance instance;
    private volatile KeyedQuery keyed;

    private QueryServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port (to be advertised) before Kafka Streams starts; answers after {@link #serve}. */
    static QueryServer bind() {
        try {
            return new QueryServer(HttpServer.create(new InetSocketAddress("localhost", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void serve(StreamsInstance served, PeerClient peers) {
        instance = served;
        keyed = new KeyedQuery(served.cluster, peers, Duration.ofSeconds(2));
        server.createContext("/items/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/items/".length());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", exchange.getRequestURI().getRawPath());
        request.setQueryString(exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> {
            request.addHeader(name, value);
            headers.put(name.toLowerCase(), value);
        }));
        received.add(new Received(key, headers));
        ResponseEntity<?> response;
        try {
            response = keyed.answer(StreamsInstance.STORE, key, request, partition -> {
                String value = instance.localValue(partition, key);
                return value == null ? ResponseEntity.notFound().build()
                        : ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(value + " from " + instance);
            });
        } catch (PartitionsUnavailableException e) {
            response = ResponseEntity.status(503).build();
        }
        write(exchange, response);
    }

    private static void write(HttpExchange exchange, ResponseEntity<?> response) throws IOException {
        Object body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.sendResponseHeaders(response.getStatusCode().value(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
