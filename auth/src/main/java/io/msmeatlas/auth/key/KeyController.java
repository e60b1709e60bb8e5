package io.msmeatlas.auth.key;

import io.msmeatlas.web.ProblemException;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify access tokens, and their rotation. */
@RestController
@RequestMapping("/api/auth")
class KeyController {

    static final String ROLES_HEADER = "X-User-Roles";

    private final SigningKeys keys;

    KeyController(SigningKeys keys) {
        this.keys = keys;
    }

    /** Short caching: verifiers also refetch when they meet an unknown kid. */
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.published().toString(true));
    }

    /** ADMIN only: the gateway sets {@code X-User-Roles} from the verified token. */
    @PostMapping("/keys/rotate")
    RotatedKey rotate(@RequestHeader(name = ROLES_HEADER, required = false) String roles) {
        if (roles == null || Arrays.stream(roles.split("[^A-Z_]+")).noneMatch("ADMIN"::equals)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "Only an ADMIN can rotate signing keys.");
        }
        return new RotatedKey(keys.rotate());
    }

    /** The kid that signs from now on. */
    record RotatedKey(String kid) {
    }
}
