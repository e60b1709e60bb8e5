package io.msmeatlas.matching;

import io.msmeatlas.matching.web.Unavailable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** PostgreSQL unreachable, or what a command needs not recorded yet: nothing was stored, so the client may retry. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DependencyUnavailableAdvice {

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable() {
        return unavailable("The matching store is unavailable. Nothing was changed; retry shortly.", "5");
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<ProblemDetail> notReady(Unavailable ex) {
        return unavailable(ex.getMessage(), "1");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail, String retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", retryAfter).body(problem);
    }
}
