package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.projections.cluster.ReadYourWrites.Outcome;
import io.msmeatlas.web.ConsistencyToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one Kafka Streams application on the test broker, each with its own state
 * directory, advertised address and HTTP server, with one standby replica: every partition is active
 * on one instance and standby on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TestBroker.class)
class ProjectionClusterTest {

    private static final int PARTITIONS = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> KEYS = IntStream.range(0, 30).mapToObj(i -> "key-" + i).toList();

    private final String topic = "cluster-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newHttpClient();
    private final PeerClient peers = new PeerClient(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private QueryServer serverA;
    private QueryServer serverB;
    private StreamsInstance a;
    private StreamsInstance b;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void startTwoInstances(@TempDir Path stateDirs) throws Exception {
        TestBroker.createTopic(topic, PARTITIONS);
        String applicationId = "cluster-test-" + UUID.randomUUID();
        serverA = QueryServer.bind();
        serverB = QueryServer.bind();
        a = StreamsInstance.start(applicationId, topic, new HostInfo("localhost", serverA.port()),
                stateDirs.resolve("a"), Duration.ofSeconds(10));
        b = StreamsInstance.start(applicationId, topic, new HostInfo("localhost", serverB.port()),
                stateDirs.resolve("b"), Duration.ofSeconds(10));
        serverA.serve(a, peers);
        serverB.serve(b, peers);
        producer = TestBroker.producer();

        // Both instances run, each is active for some partitions and holds the others as standbys.
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(a.isRunning() && b.isRunning()).isTrue();
            Map<HostInfo, Set<Integer>> plan = a.cluster.plan(StreamsInstance.STORE);
            assertThat(plan).containsOnlyKeys(a.host, b.host);
            assertThat(b.cluster.plan(StreamsInstance.STORE)).isEqualTo(plan);
        });
        for (String key : KEYS) {
            producer.send(new ProducerRecord<>(topic, key, "1")).get();
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String key : KEYS) {
                ProjectionCluster.Route route = a.cluster.route(StreamsInstance.STORE, key);
                assertThat(instanceAt(route.hosts().get(0)).localValue(route.partition(), key)).isEqualTo("1");
            }
            assertThat(a.cluster.readablePartitions(StreamsInstance.STORE)).hasSize(PARTITIONS);
            assertThat(b.cluster.readablePartitions(StreamsInstance.STORE)).hasSize(PARTITIONS);
        });
    }

    @AfterAll
    void stop() {
        producer.close();
        for (AutoCloseable closeable : new AutoCloseable[] {serverA, serverB, a, b}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void host_for_names_the_instance_whose_active_store_holds_the_key() {
        for (String key : KEYS) {
            HostInfo host = a.cluster.hostFor(StreamsInstance.STORE, key);
            assertThat(b.cluster.hostFor(StreamsInstance.STORE, key)).as("both instances agree").isEqualTo(host);
            int partition = a.cluster.route(StreamsInstance.STORE, key).partition();

            assertThat(activeStore(instanceAt(host), partition).get(key)).isEqualTo("1");
            assertThatThrownBy(() -> activeStore(otherThan(host), partition).get(key))
                    .as("the other instance only has a standby of partition %d", partition)
                    .isInstanceOf(InvalidStateStoreException.class);
        }
    }

    @Test
    void a_route_lists_the_active_then_the_standby() {
        for (String key : KEYS) {
            ProjectionCluster.Route route = a.cluster.route(StreamsInstance.STORE, key);
            HostInfo active = a.cluster.hostFor(StreamsInstance.STORE, key);
            assertThat(route.hosts()).containsExactly(active, otherThan(active).host);
        }
    }

    @Test
    void a_plan_gives_every_partition_to_exactly_one_instance_its_active() {
        Map<HostInfo, Set<Integer>> plan = a.cluster.plan(StreamsInstance.STORE);

        assertThat(plan.values().stream().flatMap(Set::stream).sorted().toList())
                .containsExactly(0, 1, 2, 3, 4, 5);
        plan.forEach((host, partitions) -> partitions.forEach(partition ->
                assertThatActiveStoreOpens(instanceAt(host), partition)));
    }

    @Test
    void a_plan_avoiding_an_instance_gives_its_partitions_to_the_standbys() {
        Map<HostInfo, Set<Integer>> plan = b.cluster.plan(StreamsInstance.STORE, Set.of(a.host));

        assertThat(plan).containsOnlyKeys(b.host);
        assertThat(plan.get(b.host)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThatThrownBy(() -> b.cluster.plan(StreamsInstance.STORE, Set.of(a.host, b.host)))
                .isInstanceOf(PartitionsUnavailableException.class);
    }

    @Test
    void a_key_asked_of_either_instance_is_answered_by_its_active_forwarded_once() throws Exception {
        for (String key : KEYS) {
            StreamsInstance holder = instanceAt(a.cluster.hostFor(StreamsInstance.STORE, key));
            StreamsInstance other = otherThan(holder.host);
            int partition = a.cluster.route(StreamsInstance.STORE, key).partition();

            HttpResponse<String> direct = get(holder, key);
            HttpResponse<String> forwarded = get(other, key);

            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.body()).isEqualTo("1 from " + holder.host);
            assertThat(forwarded.statusCode()).isEqualTo(200);
            assertThat(forwarded.body()).isEqualTo("1 from " + holder.host);
            assertThat(serverOf(holder).received).filteredOn(r -> r.key().equals(key)).hasSize(2)
                    .anySatisfy(received -> assertThat(received.headers())
                            .containsEntry("x-projections-partitions", String.valueOf(partition))
                            .containsEntry("x-user-id", "buyer-1")
                            .containsEntry("x-user-roles", "BUYER")
                            .containsEntry("x-request-id", "req-" + key));
            assertThat(serverOf(other).received).filteredOn(r -> r.key().equals(key))
                    .as("the forwarded request is not forwarded again").hasSize(1);
        }
    }

    @Test
    void a_position_bound_is_satisfied_once_the_record_at_its_offset_is_processed() throws Exception {
        int partition = 1;
        StreamsInstance active = activeFor(partition);
        long next = TestBroker.endOffset(topic, partition);
        ConsistencyToken token = ConsistencyToken.of("written-1", 1).at(topic, partition, next);
        ReadYourWrites patient = new ReadYourWrites(active.cluster, Duration.ofSeconds(60));

        CompletableFuture<Outcome> waiting = CompletableFuture.supplyAsync(() ->
                patient.await(StreamsInstance.STORE, token, noVersion()));
        RecordMetadata written = producer.send(new ProducerRecord<>(topic, partition, "written-1", "7")).get();

        assertThat(written.offset()).isEqualTo(next);
        assertThat(waiting).succeedsWithin(PATIENCE).isEqualTo(Outcome.SATISFIED);
        assertThat(active.localValue(partition, "written-1")).as("the read sees the write").isEqualTo("7");
    }

    @Test
    void a_position_never_reached_is_stale_after_the_configured_wait() {
        int partition = 2;
        StreamsInstance active = activeFor(partition);
        ConsistencyToken token = ConsistencyToken.of("never-written", 1)
                .at(topic, partition, TestBroker.endOffset(topic, partition) + 10);
        ReadYourWrites impatient = new ReadYourWrites(active.cluster, Duration.ofMillis(300));

        long started = System.nanoTime();
        Outcome outcome = impatient.await(StreamsInstance.STORE, token, noVersion());

        assertThat(outcome).isEqualTo(Outcome.STALE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_standby_learns_positions_from_the_changelog_and_waits_for_them() throws Exception {
        int partition = 3;
        StreamsInstance standby = otherThan(activeFor(partition).host);
        RecordMetadata written = producer.send(new ProducerRecord<>(topic, partition, "written-3", "5")).get();
        ConsistencyToken token = ConsistencyToken.of("written-3", 1).at(topic, partition, written.offset());
        ReadYourWrites patient = new ReadYourWrites(standby.cluster, Duration.ofSeconds(60));

        assertThat(patient.await(StreamsInstance.STORE, token, noVersion())).isEqualTo(Outcome.SATISFIED);
        assertThat(standby.localValue(partition, "written-3")).isEqualTo("5");
    }

    @Test
    void without_a_position_the_local_version_of_the_aggregate_is_awaited() throws Exception {
        String key = "versioned-4";
        producer.send(new ProducerRecord<>(topic, key, "1")).get();
        StreamsInstance holder = instanceAt(a.cluster.hostFor(StreamsInstance.STORE, key));
        int partition = a.cluster.route(StreamsInstance.STORE, key).partition();
        Function<String, OptionalLong> version = id -> Optional.ofNullable(holder.localValue(partition, id))
                .map(value -> OptionalLong.of(Long.parseLong(value))).orElse(OptionalLong.empty());
        ConsistencyToken token = ConsistencyToken.of(key, 2);
        await().atMost(PATIENCE).until(() -> version.apply(key).isPresent());

        assertThat(new ReadYourWrites(holder.cluster, Duration.ofMillis(200)).await(StreamsInstance.STORE, token,
                version)).as("version 1 is not version 2").isEqualTo(Outcome.STALE);
        CompletableFuture<Outcome> waiting = CompletableFuture.supplyAsync(() ->
                new ReadYourWrites(holder.cluster, Duration.ofSeconds(60)).await(StreamsInstance.STORE, token,
                        version));
        producer.send(new ProducerRecord<>(topic, key, "2")).get();

        assertThat(waiting).succeedsWithin(PATIENCE).isEqualTo(Outcome.SATISFIED);
    }

    @Test
    void a_token_for_a_partition_this_answer_does_not_cover_is_not_here() {
        ConsistencyToken token = ConsistencyToken.of("elsewhere", 1).at(topic, 4, 0);
        ReadYourWrites readYourWrites = new ReadYourWrites(a.cluster, Duration.ofSeconds(60));

        assertThat(readYourWrites.await(StreamsInstance.STORE, token, noVersion(), Set.of(0, 5)))
                .isEqualTo(Outcome.NOT_HERE);
        assertThat(readYourWrites.await(StreamsInstance.STORE, ConsistencyToken.of("x", 1).at(topic, 99, 0),
                noVersion())).as("a partition this instance holds no copy of").isEqualTo(Outcome.NOT_HERE);
    }

    private HttpResponse<String> get(StreamsInstance instance, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + serverOf(instance).port()
                        + "/items/" + key))
                .header("X-User-Id", "buyer-1")
                .header("X-User-Roles", "BUYER")
                .header("X-Request-Id", "req-" + key)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ReadOnlyKeyValueStore<String, String> activeStore(StreamsInstance instance, int partition) {
        return instance.streams.store(StoreQueryParameters.fromNameAndType(StreamsInstance.STORE,
                QueryableStoreTypes.<String, String>keyValueStore()).withPartition(partition));
    }

    /** Stores are looked up when read: this read throws unless the instance runs the partition's active. */
    private static void assertThatActiveStoreOpens(StreamsInstance instance, int partition) {
        assertThat(activeStore(instance, partition).approximateNumEntries()).isNotNegative();
    }

    private static Function<String, OptionalLong> noVersion() {
        return id -> OptionalLong.empty();
    }

    private StreamsInstance activeFor(int partition) {
        return a.cluster.plan(StreamsInstance.STORE).entrySet().stream()
                .filter(entry -> entry.getValue().contains(partition))
                .map(entry -> instanceAt(entry.getKey()))
                .findFirst().orElseThrow();
    }

    private StreamsInstance instanceAt(HostInfo host) {
        return host.equals(a.host) ? a : b;
    }

    private StreamsInstance otherThan(HostInfo host) {
        return host.equals(a.host) ? b : a;
    }

    private QueryServer serverOf(StreamsInstance instance) {
        return instance == a ? serverA : serverB;
    }
}
