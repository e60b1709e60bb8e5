package io.msmeatlas.auth;

import org.redisson.client.RedisException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * PostgreSQL or Redis unreachable: 503 with Retry-After, never a 500. Without Redis, login fails
 * closed (failed attempts cannot be counted and the refresh token cannot be stored) and refresh
 * and logout cannot check or revoke a token.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DependencyUnavailableAdvice {

    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable() {
        return unavailable("The account store is unavailable. Nothing was changed; retry shortly.");
    }

    @ExceptionHandler(RedisException.class)
    ResponseEntity<ProblemDetail> redisUnavailable() {
        return unavailable("The session store is unavailable, so sign-in, refresh and logout are paused. "
                + "Nothing was changed; retry shortly.");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
