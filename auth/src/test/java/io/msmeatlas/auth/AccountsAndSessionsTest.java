package io.msmeatlas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class AccountsAndSessionsTest extends AuthServiceTestSupport {

    @Test
    void a_user_registers_logs_in_sees_themselves_refreshes_and_logs_out() {
        String email = uniqueEmail("Asha.Rao");
        ResponseEntity<String> created = post("/api/auth/register", """
                {"email":"%s","password":"%s","displayName":"  Asha Rao ","role":"SELLER"}""".formatted(email, PASSWORD));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode account = read(created);
        String id = account.get("id").asString();
        assertThat(account.get("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(account.get("displayName").asString()).isEqualTo("Asha Rao");
        assertThat(account.get("roles").values()).extracting(JsonNode::asString).containsExactly("SELLER");
        assertThat(account.has("password")).isFalse();

        ResponseEntity<String> loggedIn = login(email.toUpperCase(), PASSWORD);
        assertThat(loggedIn.getStatusCode().value()).isEqualTo(200);
        assertThat(loggedIn.getHeaders().getCacheControl()).isEqualTo("no-store");
        JsonNode tokens = read(loggedIn);
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshExpiresIn").asLong()).isEqualTo(14 * 24 * 3600);
        assertThat(tokens.get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");

        ResponseEntity<String> me = get("/api/auth/me", Map.of("X-User-Id", id));
        assertThat(me.getStatusCode().value()).isEqualTo(200);
        assertThat(read(me)).isEqualTo(account);

        ResponseEntity<String> refreshed = refresh(tokens.get("refreshToken").asString());
        assertThat(refreshed.getStatusCode().value()).isEqualTo(200);
        String newRefreshToken = read(refreshed).get("refreshToken").asString();
        assertThat(newRefreshToken).isNotEqualTo(tokens.get("refreshToken").asString());
        assertThat(read(refreshed).get("accessToken").asString()).isNotEqualTo(tokens.get("accessToken").asString());

        ResponseEntity<String> logout = post("/api/auth/logout", "{\"refreshToken\":\"" + newRefreshToken + "\"}");
        assertThat(logout.getStatusCode().value()).isEqualTo(204);
        assertThat(refresh(newRefreshToken).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/api/auth/logout", "{\"refreshToken\":\"" + newRefreshToken + "\"}").getStatusCode().value())
                .as("logging out twice").isEqualTo(204);
    }

    @Test
    void an_email_is_taken_whatever_its_case_and_a_duplicate_stores_nothing() {
        String email = uniqueEmail("vikram");
        register(email, PASSWORD, "BUYER");
        long credentials = count("credentials");

        ResponseEntity<String> duplicate = post("/api/auth/register", """
                {"email":"%s","password":"another-pass-77","displayName":"Someone Else","role":"SELLER"}"""
                .formatted(email.toUpperCase()));

        assertThat(duplicate.getStatusCode().value()).isEqualTo(409);
        assertThat(duplicate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(count("credentials")).isEqualTo(credentials);
        assertThat(jdbc.queryForObject("select count(*) from user_emails where email = ?", Long.class,
                email.toLowerCase())).isEqualTo(1);
    }

    @Test
    void a_weak_password_is_a_422_naming_password_with_each_broken_rule() {
        String email = uniqueEmail("meera");
        for (String weak : List.of("short1", "no-digits-at-all", "1234567890123", "x" + email.substring(0, email.indexOf('@')) + "9",
                "a1".repeat(65))) {
            ResponseEntity<String> response = post("/api/auth/register", """
                    {"email":"%s","password":"%s","displayName":"Meera","role":"BUYER"}""".formatted(email, weak));
            assertThat(response.getStatusCode().value()).as(weak).isEqualTo(422);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(read(response).get("errors").findValuesAsString("field")).as(weak).containsOnly("password");
        }
        assertThat(jdbc.queryForObject("select count(*) from user_emails where email = ?", Long.class, email)).isZero();
    }

    @Test
    void nobody_can_register_as_admin() {
        String email = uniqueEmail("mallory");
        ResponseEntity<String> response = post("/api/auth/register", """
                {"email":"%s","password":"%s","displayName":"Mallory","role":"ADMIN"}""".formatted(email, PASSWORD));

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(read(response).get("errors").findValuesAsString("field")).containsExactly("role");
        assertThat(jdbc.queryForObject("select count(*) from user_emails where email = ?", Long.class, email)).isZero();
    }

    @Test
    void invalid_fields_are_a_422_naming_each_and_malformed_bodies_a_400() {
        ResponseEntity<String> invalid = post("/api/auth/register", """
                {"email":"not-an-email","password":"%s","displayName":" ","role":"OWNER"}""".formatted(PASSWORD));
        assertThat(invalid.getStatusCode().value()).isEqualTo(422);
        assertThat(read(invalid).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("email", "displayName", "role");

        ResponseEntity<String> malformed = post("/api/auth/register", "{\"email\": ");
        ResponseEntity<String> unknownField = post("/api/auth/login", """
                {"email":"a@b.in","password":"%s","rememberMe":true}""".formatted(PASSWORD));
        for (ResponseEntity<String> response : List.of(malformed, unknownField)) {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).doesNotContain("Exception");
        }
    }

    @Test
    void a_wrong_password_and_an_unknown_email_get_the_same_generic_401() {
        String email = uniqueEmail("ravi");
        register(email, PASSWORD, "BUYER");

        ResponseEntity<String> wrongPassword = login(email, "wrong-password-1");
        ResponseEntity<String> unknownEmail = login(uniqueEmail("nobody"), PASSWORD);

        assertThat(wrongPassword.getStatusCode().value()).isEqualTo(401);
        assertThat(unknownEmail.getStatusCode().value()).isEqualTo(401);
        assertThat(wrongPassword.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(read(wrongPassword).get("detail")).isEqualTo(read(unknownEmail).get("detail"));
        assertThat(read(wrongPassword).get("title")).isEqualTo(read(unknownEmail).get("title"));
    }

    @Test
    void every_character_of_a_long_password_counts_even_beyond_bcrypts_72_bytes() {
        String email = uniqueEmail("long");
        String longPassword = "p4ssphrase-".repeat(11) + "A";
        register(email, longPassword, "BUYER");

        assertThat(login(email, longPassword.substring(0, longPassword.length() - 1) + "B").getStatusCode().value())
                .isEqualTo(401);
        assertThat(login(email, longPassword).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void me_without_an_authenticated_user_is_a_401_problem() {
        ResponseEntity<String> response = get("/api/auth/me", Map.of());
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void the_password_hash_is_a_salted_bcrypt_kept_only_in_credentials() {
        String email = uniqueEmail("hash");
        String id = register(email, PASSWORD, "BUYER");
        String hash = jdbc.queryForObject("select password_hash from credentials where user_id = ?", String.class, id);
        assertThat(hash).startsWith("$2b$").doesNotContain(PASSWORD);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') like ?",
                Long.class, "%" + hash.substring(7, 29) + "%")).isZero();
    }

    @Test
    void the_email_claim_the_credentials_and_the_event_commit_together_or_not_at_all() {
        String email = uniqueEmail("atomic");
        long events = count("domain_event_entry");
        jdbc.execute("""
                create or replace function refuse_atomic() returns trigger language plpgsql as $$
                begin
                  if position('atomic.' in convert_from(new.payload, 'UTF8')) > 0 then
                    raise exception 'outbox refused';
                  end if;
                  return new;
                end $$;
                create trigger refuse_atomic before insert on event_outbox for each row execute function refuse_atomic();
                """);
        try {
            ResponseEntity<String> response = post("/api/auth/register", """
                    {"email":"%s","password":"%s","displayName":"Atomic","role":"BUYER"}""".formatted(email, PASSWORD));
            assertThat(response.getStatusCode().value()).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("outbox refused");
        } finally {
            jdbc.execute("drop trigger refuse_atomic on event_outbox");
        }
        assertThat(count("domain_event_entry")).isEqualTo(events);
        assertThat(jdbc.queryForObject("select count(*) from user_emails where email = ?", Long.class, email)).isZero();
        assertThat(login(email, PASSWORD).getStatusCode().value()).isEqualTo(401);
        assertThat(register(email, PASSWORD, "BUYER")).as("the email is still free").isNotBlank();
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
