package io.msmeatlas.auth.token;

import io.msmeatlas.auth.AuthProperties;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class TokenController {

    private final Sessions sessions;
    private final int trustedProxyHops;

    TokenController(Sessions sessions, AuthProperties properties) {
        this.sessions = sessions;
        this.trustedProxyHops = properties.lockout().trustedProxyHops();
    }

    @PostMapping("/login")
    @ApiResponse(responseCode = "200", description = "Signed in: an access token and a refresh token",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = "The email or password is incorrect.")
    @ApiResponse(responseCode = "429", description = "Too many failed logins for this account or address "
            + "(`lockedUntil`), or over the gateway's login rate limit.")
    ResponseEntity<TokenRequests.Tokens> login(@Valid @RequestBody TokenRequests.Login request,
            HttpServletRequest http) {
        return noStore(sessions.login(request.email(), request.password(), ClientAddress.of(http, trustedProxyHops)));
    }

    @PostMapping("/refresh")
    @ApiResponse(responseCode = "200", description = "A new token pair; the refresh token sent is used up",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, expired, already used or revoked.")
    ResponseEntity<TokenRequests.Tokens> refresh(@Valid @RequestBody TokenRequests.Refresh request) {
        return noStore(sessions.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    @ApiResponse(responseCode = "204", description = "The refresh token and every token rotated from it are revoked")
    ResponseEntity<Void> logout(@Valid @RequestBody TokenRequests.Refresh request) {
        sessions.logout(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(LoginLocked.class)
    ResponseEntity<ProblemDetail> locked(LoginLocked locked) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, locked.getMessage());
        problem.setTitle("Too many failed logins");
        problem.setProperty("lockedUntil", locked.lockedUntil().toString());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(locked.retryAfterSeconds())).body(problem);
    }

    /** Tokens must not be kept by any cache (RFC 6749, section 5.1). */
    private static ResponseEntity<TokenRequests.Tokens> noStore(TokenRequests.Tokens tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(tokens);
    }
}
