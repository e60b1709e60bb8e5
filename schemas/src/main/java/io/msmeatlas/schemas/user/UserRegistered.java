package io.msmeatlas.schemas.user;

import io.msmeatlas.schemas.SchemaVersion;

/**
 * An account was created. {@code email} is normalised to lower case; {@code role} is the role it
 * started with (BUYER or SELLER by self-registration, ADMIN only by the service's configuration).
 */
@SchemaVersion(1)
public record UserRegistered(String userId, String email, String displayName, String role) implements UserEvent {
}
