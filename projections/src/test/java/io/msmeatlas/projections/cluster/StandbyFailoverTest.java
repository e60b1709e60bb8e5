package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * An instance stops without leaving the group, as a crashed one would: until its session times out
 * the group still names it the active of its partitions, and then the partitions move. Throughout,
 * the survivor answers every key from its standby copies, and then from its new active ones.
 */
@ExtendWith(TestBroker.class)
class StandbyFailoverTest {

    private static final int PARTITIONS = 6;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
    private static final List<String> KEYS = IntStream.range(0, 30).mapToObj(i -> "key-" + i).toList();
    private static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2, 3, 4, 5);

    private final String topic = "failover-test-" + UUID.randomUUID();
    private final PeerClient peers = new PeerClient(PEER_TIMEOUT, Duration.ofSeconds(5));
    private StreamsInstance stopped;
    private StreamsInstance survivor;

    @AfterEach
    void close() {
        if (survivor != null) {
            survivor.close();
        }
    }

    @Test
    void the_survivor_answers_from_its_standbys_while_the_group_has_not_noticed_and_after_it_takes_over(
            @TempDir Path stateDirs) throws Exception {
        TestBroker.createTopic(topic, PARTITIONS);
        String applicationId = "failover-test-" + UUID.randomUUID();
        // Nothing listens at either address: a forwarded query to the stopped instance is refused.
        stopped = StreamsInstance.start(applicationId, topic, new HostInfo("localhost", freePort()),
                stateDirs.resolve("stopped"), SESSION_TIMEOUT);
        survivor = StreamsInstance.start(applicationId, topic, new HostInfo("localhost", freePort()),
                stateDirs.resolve("survivor"), SESSION_TIMEOUT);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(stopped.isRunning() && survivor.isRunning()).isTrue();
            assertThat(survivor.cluster.plan(StreamsInstance.STORE)).containsOnlyKeys(stopped.host, survivor.host);
        });
        try (KafkaProducer<String, String> producer = TestBroker.producer()) {
            for (String key : KEYS) {
                producer.send(new ProducerRecord<>(topic, key, "1")).get();
            }
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(survivor.cluster.readablePartitions(StreamsInstance.STORE)).isEqualTo(ALL_PARTITIONS);
            assertThat(readAll(survivor, ALL_PARTITIONS)).containsOnlyKeys(KEYS);
        });
        Set<Integer> moving = survivor.cluster.plan(StreamsInstance.STORE).get(stopped.host);

        stopped.stopWithoutLeaving();

        KeyedQuery keyed = new KeyedQuery(survivor.cluster, peers, PEER_TIMEOUT);
        List<String> movingKeys = KEYS.stream()
                .filter(key -> moving.contains(survivor.cluster.route(StreamsInstance.STORE, key).partition()))
                .toList();
        assertThat(movingKeys).isNotEmpty();
        for (String key : movingKeys) {
            assertThat(survivor.cluster.route(StreamsInstance.STORE, key).hosts())
                    .as("the group still names the stopped instance active")
                    .containsExactly(stopped.host, survivor.host);
            assertThat(answer(keyed, key).getBody()).isEqualTo("1");
        }
        FanOut fanOut = new FanOut(survivor.cluster::plan, peers, survivor.cluster::self, PEER_TIMEOUT);
        List<FanOut.Part<Map<String, String>>> parts = readEverything(fanOut);
        // Its own active partitions first, then the stopped instance's, retried on its standbys.
        assertThat(parts).hasSize(2).allSatisfy(part -> assertThat(part.host()).isEqualTo(survivor.host));
        assertThat(parts.get(0).partitions()).isEqualTo(ALL_PARTITIONS.stream()
                .filter(partition -> !moving.contains(partition)).collect(Collectors.toSet()));
        assertThat(parts.get(1).partitions()).isEqualTo(moving);
        assertThat(parts.stream().flatMap(part -> part.value().keySet().stream())).containsExactlyInAnyOrderElementsOf(KEYS);

        // Every poll reads every key, one by one and all at once (a failed read fails the test), until
        // the survivor owns all partitions.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String key : KEYS) {
                assertThat(answer(keyed, key).getBody()).as(key).isEqualTo("1");
            }
            assertThat(readEverything(fanOut).stream().flatMap(part -> part.value().keySet().stream()))
                    .containsExactlyInAnyOrderElementsOf(KEYS);
            return survivor.isRunning()
                    && survivor.cluster.plan(StreamsInstance.STORE).equals(Map.of(survivor.host, ALL_PARTITIONS));
        });
        for (String key : KEYS) {
            assertThat(survivor.cluster.hostFor(StreamsInstance.STORE, key)).isEqualTo(survivor.host);
        }
    }

    private List<FanOut.Part<Map<String, String>>> readEverything(FanOut fanOut) {
        return fanOut.collect(StreamsInstance.STORE, new PeerRequest("/items", Map.of()),
                partitions -> readAll(survivor, partitions), answered -> {
                    throw new AssertionError("The stopped instance answered");
                });
    }

    private ResponseEntity<?> answer(KeyedQuery keyed, String key) {
        return keyed.answer(StreamsInstance.STORE, key, new MockHttpServletRequest("GET", "/items/" + key),
                partition -> ResponseEntity.ofNullable(survivor.localValue(partition, key)));
    }

    private static Map<String, String> readAll(StreamsInstance instance, Set<Integer> partitions) {
        Map<String, String> entries = new HashMap<>();
        for (int partition : partitions) {
            try (KeyValueIterator<String, String> all =
                    instance.cluster.<String, String>localStore(StreamsInstance.STORE, partition).all()) {
                all.forEachRemaining((KeyValue<String, String> entry) -> entries.put(entry.key, entry.value));
            }
        }
        return entries;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
