package io.msmeatlas.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;

/** Errors that escape every handler still leave as problems, never as stack traces. */
class ProblemResponseExceptionHandlerTest {

    private final ProblemResponseExceptionHandler handler =
            new ProblemResponseExceptionHandler(new ProblemResponseWriter(ServerCodecConfigurer.create()));

    @Test
    void an_unexpected_error_is_a_500_problem_without_internals() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/msme/1"));

        handler.handle(exchange, new IllegalStateException("secret internals")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"status\":500", "\"instance\":\"/api/msme/1\"")
                .doesNotContain("secret internals", "IllegalStateException");
    }

    @Test
    void an_error_response_keeps_its_status_and_headers() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.delete("/health"));

        handler.handle(exchange, new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.GET))).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("GET");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":405");
    }
}
