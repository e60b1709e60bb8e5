package io.msmeatlas.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which address a request is limited by, with and without trusted proxies in front. */
class ClientAddressesTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.9", 51234);

    @Test
    void without_trusted_proxies_x_forwarded_for_is_ignored_and_the_peer_counts() {
        assertThat(resolve(0, "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void behind_one_proxy_the_rightmost_entry_is_the_client() {
        assertThat(resolve(1, "10.9.9.9, 198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void behind_two_proxies_the_second_entry_from_the_right_is_the_client() {
        assertThat(resolve(2, "10.9.9.9, 198.51.100.1, 192.168.0.5")).isEqualTo("198.51.100.1");
    }

    @Test
    void entries_from_several_header_lines_count_in_order() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/").remoteAddress(PEER)
                .header("X-Forwarded-For", "10.9.9.9, 198.51.100.1")
                .header("X-Forwarded-For", "192.168.0.5")
                .build();

        assertThat(new ClientAddresses(2).resolve(request).getHostAddress()).isEqualTo("198.51.100.1");
    }

    @Test
    void a_header_shorter_than_the_proxy_chain_falls_back_to_the_peer() {
        assertThat(resolve(2, "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(resolve(1, null)).isEqualTo("203.0.113.9");
    }

    @Test
    void an_entry_that_is_not_an_ip_literal_falls_back_to_the_peer_without_a_lookup() {
        assertThat(resolve(1, "localhost")).isEqualTo("203.0.113.9");
        assertThat(resolve(1, "198.51.100.1:443")).isEqualTo("203.0.113.9");
    }

    @Test
    void ipv6_and_ipv4_mapped_entries_are_understood() {
        assertThat(resolve(1, "2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(resolve(1, "::ffff:198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void exempt_networks_match_by_prefix_in_their_own_family() throws Exception {
        Cidr network = Cidr.parse("192.0.2.0/23");

        assertThat(network.contains(InetAddress.getByName("192.0.3.255"))).isTrue();
        assertThat(network.contains(InetAddress.getByName("192.0.4.0"))).isFalse();
        assertThat(network.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
    }

    private static String resolve(int trustedProxies, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/").remoteAddress(PEER);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return new ClientAddresses(trustedProxies).resolve(request.build()).getHostAddress();
    }
}
