package io.msmeatlas.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A client-facing error with its status and problem fields, thrown from controllers. */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(status, problem(status, title, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail,
            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, what + " not found", "No " + what.toLowerCase()
                + " with id " + id + ".");
    }
}
