package io.msmeatlas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.schemas.match.InterestExpressed;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The email channel against a real SMTP server in this JVM (GreenMail). */
class EmailServiceTest extends NotificationsServiceTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    private static List<MimeMessage> to(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** A seller with an address, a listing of theirs and a buyer's interest in it. */
    private static String interestIn(String title, String address) {
        String seller = "seller-" + UUID.randomUUID();
        String listing = "lst-" + UUID.randomUUID();
        Events.registered(seller, address);
        Events.send(Events.drafted(listing, seller, title), 0);
        Events.send(new InterestExpressed(UUID.randomUUID().toString(), "buyer-1", listing, seller, "Keen to talk"),
                UUID.randomUUID().toString(), 1);
        return seller;
    }

    @Test
    void an_interest_is_emailed_to_the_seller_with_a_readable_text() throws Exception {
        String address = "seller-" + UUID.randomUUID() + "@example.in";
        interestIn("Bakery in Kochi", address);

        MimeMessage message = await().atMost(PATIENCE).until(() -> to(address), found -> !found.isEmpty()).get(0);

        assertThat(message.getSubject()).isEqualTo("A buyer is interested in Bakery in Kochi");
        String text = (String) message.getContent();
        assertThat(text).startsWith("Hello,").contains("\u201cKeen to talk\u201d")
                .contains("Open it on MSMEAtlas: http://localhost:3000/api/matchmaking/matches/")
                .doesNotContain("{{");
        assertThat(to(address)).hasSize(1);
    }

    @Test
    void while_the_smtp_server_is_down_the_inbox_is_served_and_the_email_is_retried_until_it_goes_out()
            throws Exception {
        String address = "seller-" + UUID.randomUUID() + "@example.in";
        mail.stop();
        String seller;
        try {
            seller = interestIn("Press shop in Rajkot", address);

            assertThat(await().atMost(PATIENCE).until(() -> inbox(seller), items -> !items.isEmpty()).get(0)
                    .get("type").asString()).isEqualTo("INTEREST_RECEIVED");
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("""
                    select coalesce(max(attempts), 0) from email_queue where user_id = ? and sent_at is null""",
                    Integer.class, seller) >= 2);
            assertThat(jdbc.queryForObject("select last_error from email_queue where user_id = ?", String.class,
                    seller)).isNotBlank();
        } finally {
            mail = startMail();
        }

        MimeMessage message = await().atMost(PATIENCE).until(() -> to(address), found -> !found.isEmpty()).get(0);
        assertThat(message.getSubject()).isEqualTo("A buyer is interested in Press shop in Rajkot");
        assertThat(jdbc.queryForObject("select sent_at is not null from email_queue where user_id = ?", Boolean.class,
                seller)).isTrue();
    }
}
