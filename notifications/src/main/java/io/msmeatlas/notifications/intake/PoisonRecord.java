package io.msmeatlas.notifications.intake;

/** A record no retry can fix: it goes straight to the dead-letter topic with this reason. */
class PoisonRecord extends RuntimeException {

    PoisonRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
