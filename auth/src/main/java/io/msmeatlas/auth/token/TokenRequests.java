package io.msmeatlas.auth.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

final class TokenRequests {

    private TokenRequests() {
    }

    record Login(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {
    }

    record Refresh(@NotBlank @Size(max = 256) String refreshToken) {
    }

    /** OAuth 2.0's token response shape; lifetimes in seconds. */
    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
    }
}
