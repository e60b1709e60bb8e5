package io.msmeatlas.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JsonBodyProblemsTest {

    record Year(int fiscalYear, BigDecimal revenue) {
    }

    record Body(String title, List<Year> financials) {
    }

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void a_value_of_the_wrong_type_is_a_422_naming_the_field_by_its_json_path() {
        ResponseEntity<ProblemDetail> answer = problemFor("""
                {"title":"Shop","financials":[{"fiscalYear":2025},{"fiscalYear":"last year"}]}""");

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody().getProperties()).containsEntry("errors",
                List.of(Map.of("field", "financials[1].fiscalYear", "message", "must be a whole number")));
    }

    @Test
    void an_unknown_field_is_a_400_and_a_body_that_is_not_json_too() {
        ResponseEntity<ProblemDetail> unknown = problemFor("{\"title\":\"Shop\",\"owner\":\"me\"}");
        ResponseEntity<ProblemDetail> notJson = problemFor("{\"title\":");

        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody().getTitle()).isEqualTo("Unknown field");
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);
        assertThat(notJson.getBody().getDetail()).doesNotContain("Body", "io.msmeatlas");
    }

    private ResponseEntity<ProblemDetail> problemFor(String body) {
        JacksonException refused = catchThrowableOfType(JacksonException.class, () -> json.readValue(body, Body.class));
        return JsonBodyProblems.of(refused);
    }
}
