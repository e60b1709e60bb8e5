package io.msmeatlas.web;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Who is calling, as the gateway vouches after validating the access token. Services are reachable
 * only through the gateway, which strips these headers from client requests and sets them from the
 * token, so a service trusts them and does its own role and ownership checks.
 */
public record Caller(String userId, Set<String> roles) {

    public static final String USER_HEADER = "X-User-Id";
    public static final String ROLES_HEADER = "X-User-Roles";

    public Caller {
        roles = Set.copyOf(roles);
    }

    static Caller fromHeaders(String userId, String roles) {
        Set<String> parsed = roles == null ? Set.of() : Arrays.stream(roles.split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Caller(userId.strip(), parsed);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** 403 unless the caller has at least one of the roles. */
    public Caller requireAnyRole(String... anyOf) {
        for (String role : anyOf) {
            if (hasRole(role)) {
                return this;
            }
        }
        throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                "This needs the role " + String.join(" or ", anyOf) + ".");
    }
}
