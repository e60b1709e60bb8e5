package io.msmeatlas.notifications.intake;

/**
 * An event about a listing whose seller this service has not learned yet (its listing events are
 * behind on another topic): retried for a while, since the other topic will catch up.
 */
class RecipientUnknown extends RuntimeException {

    RecipientUnknown(String message) {
        super(message);
    }
}
