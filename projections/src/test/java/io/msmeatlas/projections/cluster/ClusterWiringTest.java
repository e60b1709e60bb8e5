package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.projections.KafkaStreamsConfig;
import io.msmeatlas.projections.ProjectionsStreams;
import io.msmeatlas.projections.cluster.ReadYourWrites.Outcome;
import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Spring Boot instances of a tiny projections service on random ports, wired like the real one
 * ({@link KafkaStreamsConfig} and {@link ClusterConfiguration}, not the listing package), with a
 * controller that uses this package the way the listing controller is meant to: each instance
 * advertises the port it really listens on, and either answers any query with the other's help.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TestBroker.class)
class ClusterWiringTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> KEYS = IntStream.range(0, 20).mapToObj(i -> "item-" + i).toList();

    private final String topic = "wiring-test-" + UUID.randomUUID();
    private final HttpClient client = HttpClient.newHttpClient();
    private ConfigurableApplicationContext one;
    private ConfigurableApplicationContext two;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void startTwoInstances(@TempDir Path stateDirs) throws Exception {
        TestBroker.createTopic(topic, 6);
        String applicationId = "wiring-test-" + UUID.randomUUID();
        one = start(applicationId, stateDirs.resolve("one"));
        two = start(applicationId, stateDirs.resolve("two"));
        producer = TestBroker.producer();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(streams(one).state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(streams(two).state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(cluster(one).plan(StreamsInstance.STORE)).containsOnlyKeys(self(one), self(two));
            assertThat(cluster(two).plan(StreamsInstance.STORE)).containsOnlyKeys(self(one), self(two));
        });
        for (String key : KEYS) {
            producer.send(new ProducerRecord<>(topic, key, "1")).get();
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String key : KEYS) {
                assertThat(get(one, "/items/" + key, Map.of()).body()).startsWith("1 from ");
            }
        });
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {one, two}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void each_instance_advertises_the_port_its_web_server_listens_on() {
        for (ConfigurableApplicationContext context : List.of(one, two)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            assertThat(self(context)).isEqualTo(new HostInfo("localhost", port));
        }
        assertThat(streams(one).metadataForAllStreamsClients()).extracting(StreamsMetadata::hostInfo)
                .containsExactlyInAnyOrder(self(one), self(two));
    }

    @Test
    void a_key_is_answered_by_its_active_whichever_instance_is_asked() throws Exception {
        for (String key : KEYS) {
            HostInfo holder = cluster(one).hostFor(StreamsInstance.STORE, key);
            for (ConfigurableApplicationContext asked : List.of(one, two)) {
                HttpResponse<String> response = get(asked, "/items/" + key, Map.of());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("1 from " + holder.port());
            }
        }
    }

    @Test
    void a_search_is_answered_by_both_instances_together() throws Exception {
        for (ConfigurableApplicationContext asked : List.of(one, two)) {
            HttpResponse<String> response = get(asked, "/items", Map.of());

            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, String> items = JsonMapper.builder().build().readValue(response.body(),
                    new TypeReference<Map<String, String>>() { });
            KEYS.forEach(key -> assertThat(items).containsEntry(key, "1"));
        }
    }

    @Test
    void a_consistency_token_makes_a_forwarded_read_see_the_write() throws Exception {
        String key = "written-after-start";
        HostInfo holder = cluster(one).hostFor(StreamsInstance.STORE, key);
        ConfigurableApplicationContext notHolder = self(one).equals(holder) ? two : one;
        RecordMetadata written = producer.send(new ProducerRecord<>(topic, key, "2")).get();
        ConsistencyToken token = ConsistencyToken.of(key, 2).at(topic, written.partition(), written.offset());

        HttpResponse<String> response = get(notHolder, "/items/" + key, Map.of(ConsistencyToken.HEADER,
                token.encode()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("2 from " + holder.port());
        assertThat(response.headers().firstValue(ClusterRequest.CONSISTENCY_HEADER)).isEmpty();
    }

    @Test
    void a_token_not_reached_in_time_gets_the_data_at_hand_marked_stale() throws Exception {
        String key = "item-5";
        ProjectionCluster.Route route = cluster(one).route(StreamsInstance.STORE, key);
        ConfigurableApplicationContext notHolder = self(one).equals(route.hosts().get(0)) ? two : one;
        ConsistencyToken token = ConsistencyToken.of(key, 9)
                .at(topic, route.partition(), TestBroker.endOffset(topic, route.partition()) + 100);

        HttpResponse<String> response = get(notHolder, "/items/" + key, Map.of(ConsistencyToken.HEADER,
                token.encode()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("1 from " + route.hosts().get(0).port());
        assertThat(response.headers().firstValue(ClusterRequest.CONSISTENCY_HEADER)).hasValue(ClusterRequest.STALE);
    }

    private ConfigurableApplicationContext start(String applicationId, Path stateDir) {
        // As arguments: SpringApplicationBuilder.properties() are defaults, which application.yml overrides.
        Map<String, String> settings = Map.of(
                "spring.main.banner-mode", "off",
                "server.port", "0",
                "spring.application.name", "tiny-projections",
                "spring.kafka.bootstrap-servers", TestBroker.bootstrapServers(),
                "spring.kafka.streams.application-id", applicationId,
                "spring.kafka.streams.state-dir", stateDir.toString(),
                "spring.kafka.streams.properties.commit.interval.ms", "100",
                "tiny.topic", topic,
                "atlas.projections.consistency-wait", "3s",
                "logging.level.org.apache.kafka", "WARN");
        return new SpringApplicationBuilder(TinyProjectionsService.class).run(settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
    }

    private HttpResponse<String> get(ConfigurableApplicationContext instance, String path,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                + ((WebServerApplicationContext) instance).getWebServer().getPort() + path));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ProjectionCluster cluster(ConfigurableApplicationContext context) {
        return context.getBean(ProjectionCluster.class);
    }

    private static HostInfo self(ConfigurableApplicationContext context) {
        return cluster(context).self();
    }

    private static KafkaStreams streams(ConfigurableApplicationContext context) {
        return context.getBean(ProjectionsStreams.class).serving();
    }

    /** The service, minus the listing package: its Kafka Streams and cluster wiring and a tiny projection. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({KafkaStreamsConfig.class, ClusterConfiguration.class, ItemController.class})
    static class TinyProjectionsService {

        @Bean
        KafkaStreamsConfig.TopologyFactory items(@Value("${tiny.topic}") String topic) {
            return () -> {
                StreamsBuilder builder = new StreamsBuilder();
                StreamsInstance.addTo(builder, topic);
                return builder.build();
            };
        }
    }

    /** How a query controller uses this package: by key, fanned out, and with a consistency token. */
    @RestController
    static class ItemController {

        private final ProjectionCluster cluster;
        private final KeyedQuery keyed;
        private final FanOut fanOut;
        private final ReadYourWrites readYourWrites;
        private final JsonMapper json = JsonMapper.builder().build();

        ItemController(ProjectionCluster cluster, KeyedQuery keyed, FanOut fanOut, ReadYourWrites readYourWrites) {
            this.cluster = cluster;
            this.keyed = keyed;
            this.fanOut = fanOut;
            this.readYourWrites = readYourWrites;
        }

        @GetMapping("/items/{key}")
        ResponseEntity<?> byKey(@PathVariable String key, HttpServletRequest request) {
            Optional<ConsistencyToken> token = ClusterRequest.consistencyToken(request);
            return keyed.answer(StreamsInstance.STORE, key, request, partition -> {
                Outcome outcome = token.map(t -> readYourWrites.await(StreamsInstance.STORE, t,
                        id -> version(partition, id), Set.of(partition))).orElse(Outcome.SATISFIED);
                String value = cluster.<String, String>localStore(StreamsInstance.STORE, partition).get(key);
                if (value == null) {
                    throw ProblemException.notFound("Item", key);
                }
                return ResponseEntity.ok()
                        .headers(headers -> ClusterRequest.markStale(headers, outcome))
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(value + " from " + cluster.self().port());
            });
        }

        @GetMapping("/items")
        Map<String, String> all(HttpServletRequest request) {
            Optional<Set<Integer>> asked = ClusterRequest.partitions(request);
            if (asked.isPresent()) {
                cluster.requireReadable(StreamsInstance.STORE, asked.get());
                return read(asked.get());
            }
            Map<String, String> merged = new TreeMap<>();
            fanOut.collect(StreamsInstance.STORE, PeerRequest.of(request), this::read,
                    answered -> json.readValue(answered.body(), new TypeReference<Map<String, String>>() { }))
                    .forEach(part -> merged.putAll(part.value()));
            return merged;
        }

        @ExceptionHandler(InvalidStateStoreException.class)
        ResponseEntity<ProblemDetail> unavailable(InvalidStateStoreException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        }

        private Map<String, String> read(Set<Integer> partitions) {
            Map<String, String> items = new HashMap<>();
            for (int partition : partitions) {
                try (KeyValueIterator<String, String> all =
                        cluster.<String, String>localStore(StreamsInstance.STORE, partition).all()) {
                    all.forEachRemaining(entry -> items.put(entry.key, entry.value));
                }
            }
            return items;
        }

        private OptionalLong version(int partition, String key) {
            String value = cluster.<String, String>localStore(StreamsInstance.STORE, partition).get(key);
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
        }
    }
}
