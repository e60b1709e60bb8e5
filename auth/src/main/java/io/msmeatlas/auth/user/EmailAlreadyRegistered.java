package io.msmeatlas.auth.user;

/** Another account holds this email (compared case-insensitively). */
class EmailAlreadyRegistered extends RuntimeException {

    EmailAlreadyRegistered() {
        super("An account with this email already exists.");
    }
}
