package io.msmeatlas.auth.user;

import io.msmeatlas.auth.AuthProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the configured admin account exists, at every start-up; a second run changes nothing.
 * An account that already has the email is promoted to ADMIN only if it also has the configured
 * password: whoever registered the address first must not become admin by squatting it.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AuthProperties.BootstrapAdmin admin;
    private final Registration registration;
    private final Credentials credentials;
    private final UserDirectory directory;

    AdminBootstrap(AuthProperties properties, Registration registration, Credentials credentials,
            UserDirectory directory) {
        this.admin = properties.bootstrapAdmin();
        this.registration = registration;
        this.credentials = credentials;
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.configured()) {
            log.info("No bootstrap admin configured (AUTH_BOOTSTRAP_ADMIN_EMAIL, AUTH_BOOTSTRAP_ADMIN_PASSWORD)");
            return;
        }
        ensureAdmin();
    }

    void ensureAdmin() {
        String email = Emails.normalize(admin.email());
        List<String> problems = PasswordPolicy.problems(admin.password(), email);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("AUTH_BOOTSTRAP_ADMIN_PASSWORD " + String.join(", ", problems));
        }
        String existing = existingUserId(email);
        if (existing == null) {
            try {
                UserAccount created = registration.register(email, admin.password(), admin.displayName(), Role.ADMIN);
                log.info("Bootstrap admin {} created as user {}", email, created.id());
                return;
            } catch (EmailAlreadyRegistered e) {
                // Another instance created it meanwhile.
                existing = existingUserId(email);
            }
        }
        UserAccount account = directory.find(existing).orElseThrow();
        if (account.roles().contains(Role.ADMIN.name())) {
            return;
        }
        if (credentials.matchesUser(existing, admin.password())) {
            registration.grant(existing, Role.ADMIN);
            log.info("Bootstrap admin {}: existing user {} granted ADMIN", email, existing);
        } else {
            log.error("Bootstrap admin {}: an account with this email exists with another password; not promoted",
                    email);
        }
    }

    private String existingUserId(String email) {
        return credentials.userIdFor(email).orElse(null);
    }
}
