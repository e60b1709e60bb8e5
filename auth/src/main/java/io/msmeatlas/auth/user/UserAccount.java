package io.msmeatlas.auth.user;

import java.util.List;

/** A user as the API shows it (and as tokens describe it): never any secret. */
public record UserAccount(String id, String email, String displayName, List<String> roles) {

    public UserAccount {
        roles = List.copyOf(roles);
    }
}
