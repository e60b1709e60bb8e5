package io.msmeatlas.matching.worker;

/**
 * A record no retry can fix (no CloudEvents headers, unreadable JSON, a key that is not the event's
 * aggregate id, a schema version newer than this build): it goes straight to the dead-letter topic.
 */
class PoisonRecord extends RuntimeException {

    PoisonRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
