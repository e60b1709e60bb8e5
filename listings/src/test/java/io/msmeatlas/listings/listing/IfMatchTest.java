package io.msmeatlas.listings.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchTest {

    @Test
    void a_strong_etag_names_the_expected_version() {
        assertThat(IfMatch.expectedVersion("\"7\"")).isEqualTo(7L);
        assertThat(IfMatch.etag(7)).isEqualTo("\"7\"");
        assertThat(IfMatch.expectedVersion("\"7.3\"")).as("a read model ETag with its valuation").isEqualTo(7L);
    }

    @Test
    void no_header_or_a_star_expects_any_version() {
        assertThat(IfMatch.expectedVersion(null)).isNull();
        assertThat(IfMatch.expectedVersion("*")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "W/\"7\"", "\"seven\"", "\"0\"", "\"7\", \"8\"", "", "\"7.\"", "\"7.x\""})
    void anything_else_is_a_malformed_request(String header) {
        assertThatThrownBy(() -> IfMatch.expectedVersion(header))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }
}
