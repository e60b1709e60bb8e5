package io.msmeatlas.matching.web;

/** The caller is not the party this command belongs to: 403, nothing changes. Thrown inside aggregates. */
public class NotAllowed extends RuntimeException {

    public NotAllowed(String message) {
        super(message);
    }
}
