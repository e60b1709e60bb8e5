package io.msmeatlas.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.notifications.Draft;
import io.msmeatlas.notifications.NotificationType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

    private final EmailTemplates templates = new EmailTemplates("https://msmeatlas.example/");

    @Test
    void a_type_with_its_own_template_gets_its_subject_text_and_the_layout_around_it() {
        EmailTemplates.Email email = templates.render(new Draft("seller-1", "e-1", NotificationType.INTEREST_RECEIVED,
                "A buyer is interested in CNC shop", "A buyer matched to CNC shop asks for access.",
                "/api/matchmaking/matches/m-1", Map.of("matchId", "m-1")));

        assertThat(email.subject()).isEqualTo("A buyer is interested in CNC shop");
        assertThat(email.body()).startsWith("Hello,\n\nA buyer matched to CNC shop asks for access.\n\n"
                + "The buyer sees the business's legal name and your contact details only if you accept.")
                .contains("Open it on MSMEAtlas: https://msmeatlas.example/api/matchmaking/matches/m-1")
                .contains("https://msmeatlas.example/api/notification/preferences")
                .doesNotContain("{{");
    }

    @Test
    void a_type_without_a_template_uses_the_default_one() {
        EmailTemplates.Email email = templates.render(new Draft("seller-1", "e-2", NotificationType.LISTING_EXPIRED,
                "CNC shop has expired", "Your listing CNC shop reached its expiry date.", "/api/msme/listings/l-1",
                Map.of()));

        assertThat(email.subject()).isEqualTo("CNC shop has expired");
        assertThat(email.body()).contains("Your listing CNC shop reached its expiry date.").doesNotContain("{{");
    }
}
