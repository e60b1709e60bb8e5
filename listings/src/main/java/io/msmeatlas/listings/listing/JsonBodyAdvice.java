package io.msmeatlas.listings.listing;

import io.msmeatlas.web.JsonBodyProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * A request body Jackson refused, whether Spring read it or the controller did (a merge patch), is a
 * 400 or a 422 naming the field ({@link JsonBodyProblems}).
 */
@RestControllerAdvice(assignableTypes = ListingController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsonBodyAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        return JsonBodyProblems.of(ex);
    }

    @ExceptionHandler(UnreadableBody.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableBody ex) {
        return JsonBodyProblems.of(ex.getCause());
    }

    /** A body the controller read itself (a merge patch) and Jackson refused. */
    static final class UnreadableBody extends RuntimeException {

        UnreadableBody(JacksonException cause) {
            super(cause);
        }

        @Override
        public synchronized JacksonException getCause() {
            return (JacksonException) super.getCause();
        }
    }
}
