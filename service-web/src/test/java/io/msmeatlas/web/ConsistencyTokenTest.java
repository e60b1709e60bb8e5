package io.msmeatlas.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void a_token_with_a_position_round_trips() {
        ConsistencyToken token = ConsistencyToken.of("listing-1", 7).at("msme.listing.events", 3, 1234);
        assertThat(ConsistencyToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void a_token_without_a_position_round_trips() {
        ConsistencyToken token = ConsistencyToken.of("0b6c7f0e-1d2a-4f3b-9c8d-7e6f5a4b3c2d", 1);
        assertThat(ConsistencyToken.decode(token.encode())).isEqualTo(token);
        assertThat(token.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void a_forged_or_garbled_token_is_a_client_error() {
        assertThatThrownBy(() -> ConsistencyToken.decode("not a token"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        assertThatThrownBy(() -> ConsistencyToken.decode("djI7YT14QDE")) // "v2;a=x@1"
                .isInstanceOf(ProblemException.class);
    }
}
