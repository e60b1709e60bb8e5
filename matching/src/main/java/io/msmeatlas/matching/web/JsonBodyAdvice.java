package io.msmeatlas.matching.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A body that is JSON but does not fit (a value of the wrong type, an unknown enum constant, a number
 * out of range) is a 422 naming the field by its JSON path, like any invalid field; an unknown field
 * or a body that is not JSON is a 400. Never the parser's message: it names Java classes.
 */
@RestControllerAdvice(basePackages = "io.msmeatlas.matching")
@Order(Ordered.HIGHEST_PRECEDENCE)
class JsonBodyAdvice {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return problem(jackson);
            }
        }
        return badRequest("The request body is missing or is not JSON.");
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest ex) {
        ProblemDetail problem = Commands.invalid(ex).getBody();
        return ResponseEntity.unprocessableContent().body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(JacksonException ex) {
        String field = path(ex.getPath());
        if (ex instanceof UnrecognizedPropertyException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request has a field this API does not know: " + field + ".");
            problem.setTitle("Unknown field");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "is not a known field")));
            return ResponseEntity.badRequest().body(problem);
        }
        if (field.isEmpty()) {
            return badRequest("The request body is not valid JSON of the expected shape.");
        }
        if (ex instanceof MismatchedInputException mismatch) {
            return invalidField(field, expected(mismatch));
        }
        if (ex instanceof InputCoercionException) {
            return invalidField(field, "is out of range");
        }
        return badRequest("The request body is not valid JSON.");
    }

    private static String expected(MismatchedInputException ex) {
        Class<?> type = ex.getTargetType();
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == BigDecimal.class) {
            return "must be a decimal amount, such as \"2500000.50\"";
        }
        if (type == String.class) {
            return "must be text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static ResponseEntity<ProblemDetail> invalidField(String field, String message) {
        return ResponseEntity.unprocessableContent()
                .body(Commands.invalid(new InvalidRequest(List.of(new FieldViolation(field, message)))).getBody());
    }

    private static ResponseEntity<ProblemDetail> badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Malformed request");
        return ResponseEntity.badRequest().body(problem);
    }

    /** {@code criteria.sectors[1]} */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
