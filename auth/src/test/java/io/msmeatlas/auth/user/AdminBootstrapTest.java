package io.msmeatlas.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.msmeatlas.auth.AuthProperties;
import io.msmeatlas.auth.AuthServiceTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AdminBootstrapTest extends AuthServiceTestSupport {

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    AuthProperties properties;

    @Autowired
    Registration registration;

    @Autowired
    Credentials credentials;

    @Autowired
    UserDirectory directory;

    @Test
    void the_configured_admin_exists_once_with_the_admin_role_however_often_the_bootstrap_runs() throws Exception {
        bootstrap.ensureAdmin();
        bootstrap.ensureAdmin();

        String id = jdbc.queryForObject("select user_id from user_emails where email = ?", String.class,
                ADMIN_EMAIL.toLowerCase());
        assertThat(eventsOf(id)).isEqualTo(1);
        JWTClaimsSet claims = verify(tokens(ADMIN_EMAIL, ADMIN_PASSWORD).get("accessToken").asString());
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getStringListClaim("roles")).containsExactly("ADMIN");
    }

    @Test
    void an_account_with_the_admin_email_and_password_is_promoted_once() {
        String email = uniqueEmail("owner");
        String id = register(email, PASSWORD, "SELLER");
        AdminBootstrap forEmail = bootstrapFor(email, PASSWORD);

        forEmail.ensureAdmin();
        forEmail.ensureAdmin();

        assertThat(directory.find(id).orElseThrow().roles()).containsExactly("SELLER", "ADMIN");
        assertThat(eventsOf(id)).isEqualTo(2);
    }

    @Test
    void an_account_squatting_the_admin_email_with_another_password_is_not_promoted() {
        String email = uniqueEmail("squatter");
        String id = register(email, PASSWORD, "BUYER");

        bootstrapFor(email, "the-real-admin-pass-9").ensureAdmin();

        assertThat(directory.find(id).orElseThrow().roles()).containsExactly("BUYER");
        assertThat(eventsOf(id)).isEqualTo(1);
    }

    @Test
    void a_bootstrap_password_that_breaks_the_policy_stops_the_start() {
        assertThatThrownBy(() -> bootstrapFor(uniqueEmail("weak"), "admin").ensureAdmin())
                .hasMessageContaining("AUTH_BOOTSTRAP_ADMIN_PASSWORD");
    }

    private AdminBootstrap bootstrapFor(String email, String password) {
        AuthProperties configured = new AuthProperties(properties.issuer(), properties.audience(),
                properties.accessTokenTtl(), properties.refreshTokenTtl(), properties.bcryptStrength(),
                properties.signing(), new AuthProperties.BootstrapAdmin(email, password, "Owner"),
                properties.lockout(), properties.redis());
        return new AdminBootstrap(configured, registration, credentials, directory);
    }

    private long eventsOf(String userId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, userId);
    }
}
