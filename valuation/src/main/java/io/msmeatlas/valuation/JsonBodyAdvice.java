package io.msmeatlas.valuation;

import io.msmeatlas.web.JsonBodyProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A request body Jackson refused is a 400 or a 422 naming the field ({@link JsonBodyProblems}). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsonBodyAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        return JsonBodyProblems.of(ex);
    }
}
