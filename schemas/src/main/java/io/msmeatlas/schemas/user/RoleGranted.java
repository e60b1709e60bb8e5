package io.msmeatlas.schemas.user;

import io.msmeatlas.schemas.SchemaVersion;

/** The user holds one more role from now on. */
@SchemaVersion(1)
public record RoleGranted(String userId, String role) implements UserEvent {
}
