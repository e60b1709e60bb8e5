package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.user.RoleGranted;
import io.msmeatlas.schemas.user.UserEvent;
import io.msmeatlas.schemas.user.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserEventContractsTest {

    private static final String USER_ID = "5b0e6a4c-8f3d-4e21-9a7b-1c2d3e4f5a6b";
    private static final List<UserEvent> SAMPLES = List.of(
            new UserRegistered(USER_ID, "asha.rao@example.in", "Asha Rao", "SELLER"),
            new RoleGranted(USER_ID, "ADMIN"));

    private final EventSchemaValidator validator = new EventSchemaValidator();

    @Test
    void every_user_event_type_is_registered_on_the_user_context_with_a_schema_file() {
        for (Class<?> type : UserEvent.class.getPermittedSubclasses()) {
            EventContract contract = EventContracts.of(type);
            assertThat(contract.ceType()).isEqualTo("io.msmeatlas.user." + type.getSimpleName());
            assertThat(getClass().getClassLoader().getResource(contract.schemaResource()))
                    .as(contract.schemaResource()).isNotNull();
        }
    }

    @Test
    void every_sample_user_event_validates_and_round_trips() {
        Arrays.stream(UserEvent.class.getPermittedSubclasses())
                .forEach(type -> assertThat(SAMPLES).as("a sample of " + type.getSimpleName()).anyMatch(type::isInstance));
        for (UserEvent event : SAMPLES) {
            EventContract contract = EventContracts.of(event.getClass());
            assertThat(validator.violations(contract, EventJson.write(event))).as(event.toString()).isEmpty();
            assertThat(EventJson.read(EventJson.write(event), contract.ceType())).isEqualTo(event);
        }
    }

    @Test
    void a_registration_with_an_upper_case_email_or_a_secret_field_breaks_the_contract() {
        EventContract contract = EventContracts.of(UserRegistered.class);
        String json = """
                {"userId":"u-1","email":"Asha@Example.in","displayName":"Asha","role":"BUYER","passwordHash":"x"}""";
        assertThat(String.join("\n", validator.violations(contract, json.getBytes(StandardCharsets.UTF_8))))
                .contains("email").contains("passwordHash");
    }
}
