package io.msmeatlas.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies are read as written: no guessing of types, no silent winner among repeated keys. */
class StrictJsonTest {

    enum Kind { FIRST, SECOND }

    record Body(String text, Integer count, Boolean flag, Kind kind, BigDecimal amount) {
    }

    private final JsonMapper json = strict();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"text\":123}", "{\"text\":1.5}", "{\"text\":true}",
            "{\"count\":\"7\"}", "{\"count\":1.5}", "{\"count\":true}",
            "{\"flag\":\"true\"}", "{\"flag\":1}",
            "{\"kind\":1}",
            "{\"text\":\"a\",\"text\":\"b\"}",
            "{\"text\":\"a\"} {\"text\":\"b\"}"})
    void a_value_of_another_type_or_a_repeated_key_is_refused(String body) {
        assertThatThrownBy(() -> json.readValue(body, Body.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void values_of_their_own_type_and_amounts_as_decimal_strings_or_numbers_are_read() {
        Body body = json.readValue("{\"text\":\"a\",\"count\":7,\"flag\":true,\"kind\":\"SECOND\",\"amount\":\"2500000.50\"}",
                Body.class);

        assertThat(body).isEqualTo(new Body("a", 7, true, Kind.SECOND, new BigDecimal("2500000.50")));
        assertThat(json.readValue("{\"amount\":2500000.50}", Body.class).amount()).isEqualByComparingTo("2500000.50");
    }

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJson().customize(builder);
        return builder.build();
    }
}
