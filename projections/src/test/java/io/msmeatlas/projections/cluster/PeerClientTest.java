package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.web.ConsistencyToken;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class PeerClientTest {

    private final PeerClient peers = new PeerClient(Duration.ofSeconds(5), Duration.ofSeconds(5));

    @Test
    void forwards_the_query_and_the_headers_that_decide_its_answer_and_names_the_partitions() {
        String token = ConsistencyToken.of("lst-1", 3).at("msme.listing.events", 4, 17).encode();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/msme/listings");
        request.setQueryString("state=Tamil%20Nadu&limit=5");
        request.addHeader("X-User-Id", "seller-7");
        request.addHeader("X-User-Roles", "SELLER,BUYER");
        request.addHeader("X-Request-Id", "req-42");
        request.addHeader("X-Consistency-Token", token);
        request.addHeader("Accept", "application/json");
        request.addHeader("Authorization", "Bearer not-for-peers");
        request.addHeader("Cookie", "session=not-for-peers");

        try (StubPeer peer = new StubPeer(received -> StubPeer.Answer.json("{\"items\":[]}"))) {
            PeerResponse response = peers.get(peer.host(), PeerRequest.of(request), Set.of(5, 0, 3));

            assertThat(response).isInstanceOfSatisfying(PeerResponse.Answered.class, answered -> {
                assertThat(answered.status()).isEqualTo(200);
                assertThat(answered.header("content-type")).hasValue("application/json");
                assertThat(new String(answered.body(), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[]}");
            });
            assertThat(peer.received).singleElement().satisfies(received -> {
                assertThat(received.pathAndQuery()).isEqualTo("/api/msme/listings?state=Tamil%20Nadu&limit=5");
                assertThat(received.partitions()).isEqualTo("0,3,5");
                assertThat(received.headers())
                        .containsEntry("x-user-id", "seller-7")
                        .containsEntry("x-user-roles", "SELLER,BUYER")
                        .containsEntry("x-request-id", "req-42")
                        .containsEntry("x-consistency-token", token)
                        .containsEntry("accept", "application/json")
                        .doesNotContainKeys("authorization", "cookie");
            });
        }
    }

    @Test
    void any_status_is_an_answer_and_only_502_503_504_mean_ask_another_replica() {
        try (StubPeer missing = new StubPeer(received -> new StubPeer.Answer(404, Map.of(), "{}"));
                StubPeer loading = new StubPeer(received -> new StubPeer.Answer(503, Map.of("Retry-After", "1"), ""))) {
            PeerRequest request = new PeerRequest("/api/msme/listings/lst-9", Map.of());

            assertThat(peers.get(missing.host(), request, Set.of(1))).isInstanceOfSatisfying(
                    PeerResponse.Answered.class, answered -> {
                        assertThat(answered.status()).isEqualTo(404);
                        assertThat(answered.isUnavailable()).isFalse();
                    });
            assertThat(peers.get(loading.host(), request, Set.of(1))).isInstanceOfSatisfying(
                    PeerResponse.Answered.class, answered -> assertThat(answered.isUnavailable()).isTrue());
        }
    }

    @Test
    void a_refused_connection_is_unreachable_not_an_error() {
        PeerResponse response = peers.get(StubPeer.nobody(), new PeerRequest("/api/msme/listings", Map.of()),
                Set.of(0));

        assertThat(response).isInstanceOfSatisfying(PeerResponse.Unreachable.class,
                unreachable -> assertThat(unreachable.cause()).isInstanceOf(ConnectException.class));
    }

    @Test
    void a_peer_slower_than_the_timeout_is_unreachable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PeerClient impatient = new PeerClient(Duration.ofMillis(300), Duration.ofSeconds(5));
        try (StubPeer slow = new StubPeer(received -> {
            release.await(30, TimeUnit.SECONDS);
            return StubPeer.Answer.json("{}");
        })) {
            PeerResponse response = impatient.get(slow.host(), new PeerRequest("/api/msme/listings", Map.of()),
                    Set.of(0));

            assertThat(response).isInstanceOfSatisfying(PeerResponse.Unreachable.class,
                    unreachable -> assertThat(unreachable.cause()).isInstanceOf(HttpTimeoutException.class));
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_query_with_a_consistency_token_may_take_the_consistency_wait_longer() {
        CountDownLatch release = new CountDownLatch(1);
        PeerClient patient = new PeerClient(Duration.ofMillis(300), Duration.ofSeconds(30));
        try (StubPeer waiting = new StubPeer(received -> {
            release.await(30, TimeUnit.SECONDS);
            return StubPeer.Answer.json("{}");
        })) {
            PeerRequest request = new PeerRequest("/api/msme/listings/lst-1",
                    Map.of(ConsistencyToken.HEADER, ConsistencyToken.of("lst-1", 2).encode()));

            CompletableFuture<PeerResponse> response = patient.send(waiting.host(), request, Set.of(0));

            // Well past the peer timeout alone, as a peer waiting for the token's position may be.
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> !response.isDone());
            release.countDown();
            assertThat(response).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(PeerResponse.Answered.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_relayed_answer_keeps_what_the_client_may_see() {
        PeerResponse.Answered answered = new PeerResponse.Answered(StubPeer.nobody(), 200, Map.of(
                "content-type", List.of("application/json"),
                "etag", List.of("\"3\""),
                "x-consistency", List.of("stale"),
                "content-length", List.of("2"),
                "connection", List.of("keep-alive")), "{}".getBytes(StandardCharsets.UTF_8));

        ResponseEntity<byte[]> relayed = answered.toResponseEntity();

        assertThat(relayed.getStatusCode().value()).isEqualTo(200);
        assertThat(relayed.getHeaders().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(relayed.getHeaders().getETag()).isEqualTo("\"3\"");
        assertThat(relayed.getHeaders().getFirst(ClusterRequest.CONSISTENCY_HEADER)).isEqualTo("stale");
        assertThat(relayed.getHeaders().containsHeader("Content-Length")).isFalse();
        assertThat(relayed.getHeaders().containsHeader("Connection")).isFalse();
        assertThat(relayed.getBody()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }
}
