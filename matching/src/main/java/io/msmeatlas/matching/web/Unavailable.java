package io.msmeatlas.matching.web;

/** Something the command needs is not there yet or not reachable: 503 with Retry-After, nothing changed. */
public class Unavailable extends RuntimeException {

    public Unavailable(String message) {
        super(message);
    }
}
