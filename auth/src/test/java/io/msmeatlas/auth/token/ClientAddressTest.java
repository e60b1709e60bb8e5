package io.msmeatlas.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @Test
    void without_forwarding_the_peer_is_the_client() {
        assertThat(ClientAddress.of(request(), 1)).isEqualTo("10.0.0.5");
    }

    @Test
    void behind_the_gateway_the_entry_it_appended_is_the_client() {
        assertThat(ClientAddress.of(request("198.51.100.1, 203.0.113.7"), 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(request("198.51.100.1", "2001:db8::1"), 1)).isEqualTo("2001:db8::1");
    }

    @Test
    void with_a_load_balancer_before_the_gateway_the_entry_two_from_the_right_is_the_client() {
        assertThat(ClientAddress.of(request("198.51.100.1, 203.0.113.7, 10.1.1.1"), 2)).isEqualTo("203.0.113.7");
    }

    @Test
    void zero_hops_or_a_garbage_entry_falls_back_to_the_peer() {
        assertThat(ClientAddress.of(request("203.0.113.7"), 0)).isEqualTo("10.0.0.5");
        assertThat(ClientAddress.of(request("<script>"), 1)).isEqualTo("10.0.0.5");
    }

    private static MockHttpServletRequest request(String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.0.0.5");
        for (String value : forwardedFor) {
            request.addHeader("X-Forwarded-For", value);
        }
        return request;
    }
}
