package io.msmeatlas.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

class RequestIdFilterTest {

    @BeforeAll
    static void propagateContextAsTheApplicationDoes() {
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void stopPropagating() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void the_request_id_is_in_the_mdc_on_the_other_threads_the_request_runs_on() {
        AtomicReference<String> idSeen = new AtomicReference<>();
        AtomicReference<String> threadSeen = new AtomicReference<>();
        // Mono.delay emits on a Reactor timer thread, not the one that started the request.
        WebFilterChain downstream = exchange -> Mono.delay(Duration.ofMillis(5))
                .doOnNext(tick -> {
                    idSeen.set(MDC.get(RequestIdFilter.MDC_KEY));
                    threadSeen.set(Thread.currentThread().getName());
                })
                .then();
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/msme/listings").header(RequestIdFilter.HEADER, "req-7"));

        new RequestIdFilter().filter(exchange, downstream).block(Duration.ofSeconds(5));

        assertThat(threadSeen.get()).isNotEqualTo(Thread.currentThread().getName());
        assertThat(idSeen.get()).isEqualTo("req-7");
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).as("nothing leaks to the caller's thread").isNull();
    }
}
