package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.msmeatlas.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final String STORE = "listing-views";
    private static final HostInfo SELF = StubPeer.nobody();
    private static final PeerRequest SEARCH = new PeerRequest("/api/msme/listings?limit=5",
            Map.of("X-User-Id", "buyer-1", "X-User-Roles", "BUYER"));

    private final PeerClient peers = new PeerClient(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private final List<Set<HostInfo>> avoided = new CopyOnWriteArrayList<>();
    private final List<StubPeer> stubs = new ArrayList<>();

    @AfterEach
    void stopStubs() {
        stubs.forEach(StubPeer::close);
    }

    @Test
    void asks_every_instance_at_once_and_this_one_through_the_callback() {
        // Each of the three waits until all three were asked: only a parallel fan-out gets through.
        CountDownLatch allAsked = new CountDownLatch(3);
        StubPeer first = stub(received -> {
            allAsked.countDown();
            return StubPeer.Answer.json("\"first saw all: " + allAsked.await(10, TimeUnit.SECONDS) + "\"");
        });
        StubPeer second = stub(received -> {
            allAsked.countDown();
            return StubPeer.Answer.json("\"second saw all: " + allAsked.await(10, TimeUnit.SECONDS) + "\"");
        });
        FanOut fanOut = fanOut(avoid -> Map.of(first.host(), Set.of(0, 1), second.host(), Set.of(2, 3),
                SELF, Set.of(4, 5)));

        List<FanOut.Part<String>> parts = fanOut.collect(STORE, SEARCH, partitions -> {
            allAsked.countDown();
            try {
                return "self saw all: " + allAsked.await(10, TimeUnit.SECONDS) + " for " + new TreeSet<>(partitions);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, FanOutTest::body);

        assertThat(parts).extracting(FanOut.Part::value).containsExactlyInAnyOrder(
                "\"first saw all: true\"", "\"second saw all: true\"", "self saw all: true for [4, 5]");
        assertThat(parts).extracting(FanOut.Part::partitions)
                .containsExactlyInAnyOrder(Set.of(0, 1), Set.of(2, 3), Set.of(4, 5));
        assertThat(first.received).singleElement().satisfies(received -> {
            assertThat(received.partitions()).isEqualTo("0,1");
            assertThat(received.pathAndQuery()).isEqualTo("/api/msme/listings?limit=5");
            assertThat(received.headers()).containsEntry("x-user-id", "buyer-1").containsEntry("x-user-roles", "BUYER");
        });
        assertThat(second.received).singleElement().extracting(StubPeer.Received::partitions).isEqualTo("2,3");
        assertThat(avoided).containsExactly(Set.of());
    }

    @Test
    void a_refused_instance_has_its_partitions_asked_again_of_a_standby() {
        HostInfo dead = StubPeer.nobody();
        StubPeer active = stub(received -> StubPeer.Answer.json("\"active\""));
        StubPeer standby = stub(received -> StubPeer.Answer.json("\"standby\""));
        FanOut fanOut = fanOut(avoid -> avoid.isEmpty()
                ? Map.of(dead, Set.of(0, 1), active.host(), Set.of(2, 3))
                : Map.of(standby.host(), Set.of(0, 1), active.host(), Set.of(2, 3)));

        List<FanOut.Part<String>> parts = fanOut.collect(STORE, SEARCH, noLocalRead(), FanOutTest::body);

        assertThat(parts).extracting(FanOut.Part::host, FanOut.Part::partitions, FanOut.Part::value)
                .containsExactlyInAnyOrder(
                        tuple(active.host(), Set.of(2, 3), "\"active\""),
                        tuple(standby.host(), Set.of(0, 1), "\"standby\""));
        assertThat(avoided).containsExactly(Set.of(), Set.of(dead));
        assertThat(active.received).as("only the failed partitions are asked again").hasSize(1);
        assertThat(standby.received).singleElement().extracting(StubPeer.Received::partitions).isEqualTo("0,1");
    }

    @Test
    void an_instance_that_cannot_answer_now_is_treated_like_an_unreachable_one() {
        StubPeer restoring = stub(received -> new StubPeer.Answer(503, Map.of("Retry-After", "1"), ""));
        StubPeer standby = stub(received -> StubPeer.Answer.json("\"standby\""));
        FanOut fanOut = fanOut(avoid -> avoid.isEmpty()
                ? Map.of(restoring.host(), Set.of(0, 1, 2, 3, 4, 5))
                : Map.of(standby.host(), Set.of(0, 1, 2, 3, 4, 5)));

        List<FanOut.Part<String>> parts = fanOut.collect(STORE, SEARCH, noLocalRead(), FanOutTest::body);

        assertThat(parts).singleElement().extracting(FanOut.Part::value).isEqualTo("\"standby\"");
        assertThat(avoided).containsExactly(Set.of(), Set.of(restoring.host()));
    }

    @Test
    void when_the_standby_fails_too_the_partitions_are_unavailable() {
        HostInfo dead = StubPeer.nobody();
        HostInfo alsoDead = StubPeer.nobody();
        StubPeer active = stub(received -> StubPeer.Answer.json("\"active\""));
        FanOut fanOut = fanOut(avoid -> avoid.isEmpty()
                ? Map.of(dead, Set.of(0, 1), active.host(), Set.of(2, 3))
                : Map.of(alsoDead, Set.of(0, 1), active.host(), Set.of(2, 3)));

        assertThatThrownBy(() -> fanOut.collect(STORE, SEARCH, noLocalRead(), FanOutTest::body))
                .isInstanceOfSatisfying(PartitionsUnavailableException.class,
                        e -> assertThat(e.partitions()).containsExactlyInAnyOrder(0, 1));
        assertThat(avoided).as("retried once, not again and again").hasSize(2);
    }

    @Test
    void a_local_copy_that_cannot_be_read_hands_its_partitions_to_another_replica() {
        StubPeer standby = stub(received -> StubPeer.Answer.json("\"standby\""));
        FanOut fanOut = fanOut(avoid -> avoid.isEmpty()
                ? Map.of(SELF, Set.of(0, 1, 2))
                : Map.of(standby.host(), Set.of(0, 1, 2)));

        List<FanOut.Part<String>> parts = fanOut.collect(STORE, SEARCH, partitions -> {
            throw new InvalidStateStoreException("store is migrating");
        }, FanOutTest::body);

        assertThat(parts).singleElement().extracting(FanOut.Part::value).isEqualTo("\"standby\"");
        assertThat(avoided).containsExactly(Set.of(), Set.of(SELF));
    }

    @Test
    void a_peer_that_rejects_the_query_this_instance_accepted_is_a_bad_gateway() {
        StubPeer other = stub(received -> new StubPeer.Answer(400, Map.of(), "{}"));
        FanOut fanOut = fanOut(avoid -> Map.of(other.host(), Set.of(0)));

        assertThatThrownBy(() -> fanOut.collect(STORE, SEARCH, noLocalRead(), FanOutTest::body))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(502));
    }

    private FanOut fanOut(Function<Set<HostInfo>, Map<HostInfo, Set<Integer>>> plans) {
        return new FanOut((store, avoid) -> {
            assertThat(store).isEqualTo(STORE);
            avoided.add(avoid);
            return plans.apply(avoid);
        }, peers, () -> SELF, Duration.ofMillis(50));
    }

    private StubPeer stub(StubPeer.Behaviour behaviour) {
        StubPeer stub = new StubPeer(behaviour);
        stubs.add(stub);
        return stub;
    }

    private static Function<Set<Integer>, String> noLocalRead() {
        return partitions -> {
            throw new AssertionError("This instance was not in the plan");
        };
    }

    private static String body(PeerResponse.Answered answered) {
        return new String(answered.body(), StandardCharsets.UTF_8);
    }
}
