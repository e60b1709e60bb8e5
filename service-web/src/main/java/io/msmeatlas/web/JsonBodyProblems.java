package io.msmeatlas.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The problem for a request body Jackson refused. JSON that does not fit (a value of the wrong type,
 * an unknown enum constant, a number out of range) is a 422 naming the field by its JSON path, like
 * any invalid field; an unknown field or a body that is not JSON at all is a 400. Never the parser's
 * message: it names Java classes. Each service's controller advice decides where it applies.
 */
public final class JsonBodyProblems {

    private JsonBodyProblems() {
    }

    public static ResponseEntity<ProblemDetail> of(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return of(jackson);
            }
        }
        return badRequest("The request body is missing or is not JSON.");
    }

    public static ResponseEntity<ProblemDetail> of(JacksonException ex) {
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
            return invalid(field, expected(mismatch));
        }
        if (ex instanceof InputCoercionException) {
            return invalid(field, "is out of range");
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
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == String.class) {
            return "must be text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static ResponseEntity<ProblemDetail> invalid(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The request has invalid fields.");
        problem.setTitle("Validation failed");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.unprocessableContent().body(problem);
    }

    private static ResponseEntity<ProblemDetail> badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Malformed request");
        return ResponseEntity.badRequest().body(problem);
    }

    /** {@code financials[1].revenue} */
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
