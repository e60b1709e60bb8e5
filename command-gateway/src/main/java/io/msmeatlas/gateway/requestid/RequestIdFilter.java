package io.msmeatlas.gateway.requestid;

import io.micrometer.context.ContextRegistry;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is safe to log, else a new
 * UUID. The id goes downstream, comes back on the response and is in the request's log lines.
 *
 * <p>A {@link WebFilter} rather than a gateway {@code GlobalFilter}, so that responses the gateway
 * produces itself (health, 404s, fallbacks) carry the id too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = idFor(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, requestId)))
                .build();
        withId.getAttributes().put(ATTRIBUTE, requestId);
        // Set at commit time: a downstream's own X-Request-Id or error handling must not replace it.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });
        long start = System.nanoTime();
        return chain.filter(withId)
                .doFinally(signal -> logCompletion(withId, signal, start))
                .contextWrite(Context.of(MDC_KEY, requestId));
    }

    /**
     * Reactor hops threads; with automatic context propagation ({@code spring.reactor.context-propagation:
     * auto}) this accessor restores the request id into the MDC of whichever thread runs the request's
     * operators, so every log line of the request carries it.
     */
    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_KEY,
                () -> MDC.get(MDC_KEY), id -> MDC.put(MDC_KEY, id), () -> MDC.remove(MDC_KEY));
    }

    /** The id of the request this exchange belongs to, or {@code null} outside this filter. */
    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /**
     * Runs a logging action with the request id in the MDC. Reactor hops threads, so the id is
     * set around each log call rather than once per request.
     */
    public static void withRequestId(ServerWebExchange exchange, Runnable logging) {
        String requestId = requestId(exchange);
        if (requestId == null) {
            logging.run();
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, requestId)) {
            logging.run();
        }
    }

    static String idFor(String fromClient) {
        return fromClient != null && SAFE.matcher(fromClient).matches() ? fromClient : UUID.randomUUID().toString();
    }

    private static void logCompletion(ServerWebExchange exchange, SignalType signal, long start) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        // Errors are answered (and logged) by the exception handler, outside this filter.
        String outcome = switch (signal) {
            case CANCEL -> "cancelled";
            case ON_ERROR -> "error";
            default -> String.valueOf(status == null ? 200 : status.value());
        };
        withRequestId(exchange, () -> log.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), outcome, millis));
    }
}
