package io.msmeatlas.matching.web;

/** A command that the aggregate's current state does not allow: 409 with the state. */
public class IllegalTransition extends RuntimeException {

    private final String currentStatus;

    public IllegalTransition(String action, String currentStatus) {
        super("Cannot " + action + ": it is " + currentStatus + ".");
        this.currentStatus = currentStatus;
    }

    public String currentStatus() {
        return currentStatus;
    }
}
