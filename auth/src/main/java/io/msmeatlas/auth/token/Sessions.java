package io.msmeatlas.auth.token;

import io.msmeatlas.auth.user.Credentials;
import io.msmeatlas.auth.user.Emails;
import io.msmeatlas.auth.user.UserAccount;
import io.msmeatlas.auth.user.UserDirectory;
import io.msmeatlas.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Login, refresh and logout: who gets which tokens. */
@Component
class Sessions {

    private final Credentials credentials;
    private final UserDirectory directory;
    private final LoginLimits limits;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;

    Sessions(Credentials credentials, UserDirectory directory, LoginLimits limits, AccessTokens accessTokens,
            RefreshTokens refreshTokens) {
        this.credentials = credentials;
        this.directory = directory;
        this.limits = limits;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    /** The lock is checked before the password, so a locked account costs no hashing and reveals nothing. */
    TokenRequests.Tokens login(String email, String password, String clientAddress) {
        String normalized = Emails.normalize(email);
        limits.checkNotLocked(normalized, clientAddress);
        String userId = credentials.verify(normalized, password).orElse(null);
        if (userId == null) {
            limits.recordFailure(normalized, clientAddress);
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Invalid credentials",
                    "The email or password is incorrect.");
        }
        limits.recordSuccess(normalized);
        UserAccount user = directory.find(userId).orElseThrow();
        return issue(user, refreshTokens.startFamily(userId));
    }

    /** The user is looked up before the token is spent, so a database outage does not cost the client its token. */
    TokenRequests.Tokens refresh(String refreshToken) {
        RefreshTokens.Presented presented = refreshTokens.find(refreshToken).orElseThrow(Sessions::invalidRefreshToken);
        UserAccount user = directory.find(presented.userId()).orElseThrow(Sessions::invalidRefreshToken);
        String next = refreshTokens.rotate(presented).orElseThrow(Sessions::invalidRefreshToken);
        return issue(user, next);
    }

    /** Unknown or already revoked tokens are fine too: logging out twice is not an error. */
    void logout(String refreshToken) {
        refreshTokens.revokeFamily(refreshToken);
    }

    private TokenRequests.Tokens issue(UserAccount user, String refreshToken) {
        return new TokenRequests.Tokens(accessTokens.issue(user), "Bearer", accessTokens.ttl().toSeconds(),
                refreshToken, refreshTokens.ttl().toSeconds());
    }

    private static ProblemException invalidRefreshToken() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "Invalid refresh token",
                "The refresh token is unknown, expired, already used or revoked. Log in again.");
    }
}
