package io.msmeatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;

/** A database that went away mid-request is the service being unavailable, not a bug: 503, not 500. */
class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void a_lost_database_connection_however_wrapped_is_a_503_with_retry_after() {
        RuntimeException wrapped = new IllegalStateException("Failed to read events for aggregate",
                new RuntimeException("Failed to create a SQL statement", new SQLException("Connection is closed")));

        ResponseEntity<ProblemDetail> answer = advice.handleUnexpected(wrapped);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(ProblemDetailsAdvice.lostDatabaseConnection(new SQLException("server closed", "08006"))).isTrue();
        assertThat(ProblemDetailsAdvice.lostDatabaseConnection(new SQLException("shutting down", "57P01"))).isTrue();
    }

    @Test
    void other_failures_stay_500_without_internals() {
        ResponseEntity<ProblemDetail> duplicate = advice.handleUnexpected(
                new RuntimeException(new SQLException("duplicate key", "23505")));
        ResponseEntity<ProblemDetail> bug = advice.handleUnexpected(new IllegalStateException("bug"));

        assertThat(duplicate.getStatusCode().value()).isEqualTo(500);
        assertThat(bug.getStatusCode().value()).isEqualTo(500);
        assertThat(bug.getBody().getDetail()).doesNotContain("bug");
    }
}
