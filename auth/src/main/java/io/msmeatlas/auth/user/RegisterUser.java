package io.msmeatlas.auth.user;

/** Creates a user; the email is already normalised and claimed, the credentials already stored. */
record RegisterUser(String userId, String email, String displayName, Role role) {
}
