package io.msmeatlas.schemas.user;

/**
 * Every event of the User aggregate; sealed so that subscribers' switches stay exhaustive.
 * No user event ever carries a password, a hash or a token: those stay inside the auth service.
 */
public sealed interface UserEvent permits UserRegistered, RoleGranted {

    String userId();
}
