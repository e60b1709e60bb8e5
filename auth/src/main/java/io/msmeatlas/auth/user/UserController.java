package io.msmeatlas.auth.user;

import io.msmeatlas.web.ProblemException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration and the caller's own account. The caller is named by {@code X-User-Id}, which only
 * the gateway sets, after it verified the access token.
 */
@RestController
@RequestMapping("/api/auth")
class UserController {

    static final String USER_HEADER = "X-User-Id";

    private final Registration registration;
    private final UserDirectory directory;

    UserController(Registration registration, UserDirectory directory) {
        this.registration = registration;
        this.directory = directory;
    }

    @PostMapping("/register")
    @ApiResponse(responseCode = "201", description = "Registered", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The email is already registered (in any letter case).")
    ResponseEntity<UserAccount> register(@Valid @RequestBody UserRequests.Register request) {
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(registration.register(request.email(),
                    request.password(), request.displayName(), Role.valueOf(request.role())));
        } catch (EmailAlreadyRegistered e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Email already registered", e.getMessage());
        }
    }

    @GetMapping("/me")
    UserAccount me(@RequestHeader(name = USER_HEADER, required = false) String userId) {
        if (userId == null || userId.isBlank()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Not authenticated",
                    "This request carries no authenticated user. Send it with a valid access token.");
        }
        return directory.find(userId).orElseThrow(() -> ProblemException.notFound("User", userId));
    }
}
