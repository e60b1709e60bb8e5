package io.msmeatlas.matching.web;

import io.msmeatlas.web.JsonBodyProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request body Jackson refused is a 400 or a 422 naming the field ({@link JsonBodyProblems}), and
 * one that parsed but broke a rule is a 422 naming each field.
 */
@RestControllerAdvice(basePackages = "io.msmeatlas.matching")
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsonBodyAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        return JsonBodyProblems.of(ex);
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest ex) {
        ProblemDetail problem = Commands.invalid(ex).getBody();
        return ResponseEntity.unprocessableContent().body(problem);
    }
}
