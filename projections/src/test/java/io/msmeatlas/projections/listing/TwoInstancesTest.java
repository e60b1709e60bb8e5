package io.msmeatlas.projections.listing;

import static io.msmeatlas.projections.listing.ListingEvents.details;
import static io.msmeatlas.projections.listing.ListingEvents.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msmeatlas.projections.ProjectionsApplication;
import io.msmeatlas.projections.ProjectionsStreams;
import io.msmeatlas.projections.cluster.ClusterRequest;
import io.msmeatlas.projections.cluster.ProjectionCluster;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingUpdated;
import io.msmeatlas.web.ConsistencyToken;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the real projections service on one broker, sharing the listing partitions:
 * whichever is asked answers every listing by id (routed to the instance holding it), every search
 * over all listings (fanned out and merged), and reads its own writes with a consistency token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Only this test's listings are in this city; other tests write to the same topic. */
    private static final String CITY = "Twinville";
    private static final List<String> IDS = IntStream.range(0, 12).mapToObj(i -> "two-" + i).toList();

    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext one;
    private ConfigurableApplicationContext two;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void startTwoInstances(@TempDir Path stateDirs) throws Exception {
        String applicationId = "two-instances-" + UUID.randomUUID();
        one = start(applicationId, stateDirs.resolve("one"));
        two = start(applicationId, stateDirs.resolve("two"));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (ConfigurableApplicationContext instance : List.of(one, two)) {
                assertThat(streams(instance).state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(cluster(instance).plan(ListingViewProjection.STORE)).containsOnlyKeys(self(one), self(two));
            }
        });
        for (int i = 0; i < IDS.size(); i++) {
            String id = IDS.get(i);
            send(ListingEvents.drafted(id, "seller-2", details("Twin unit " + i).city(CITY)
                    .price(Integer.toString(1_000_000 + i))), 0);
            send(new ListingPublished(id, "admin-1", time(i + 1)), 1);
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(search(one, "city=" + CITY + "&limit=100")))
                .hasSize(IDS.size()));
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
    void each_instance_holds_some_listings_and_either_answers_every_one_by_id() throws Exception {
        Map<HostInfo, List<String>> holders = new LinkedHashMap<>();
        for (String id : IDS) {
            holders.computeIfAbsent(cluster(one).hostFor(ListingViewProjection.STORE, id), h -> new ArrayList<>()).add(id);
        }
        assertThat(holders).as("listings per instance").containsOnlyKeys(self(one), self(two));

        for (String id : IDS) {
            for (ConfigurableApplicationContext asked : List.of(one, two)) {
                HttpResponse<String> response = get(asked, "/api/msme/listings/" + id, Map.of());

                assertThat(response.statusCode()).as(id).isEqualTo(200);
                assertThat(json(response).get("id").asString()).isEqualTo(id);
                assertThat(response.headers().firstValue("ETag"))
                        .hasValue("\"" + json(response).get("version").asLong() + "\"");
            }
        }
    }

    @Test
    void a_search_on_either_instance_covers_both_and_pages_through_them_without_gaps_or_duplicates()
            throws Exception {
        List<String> byPrice = new ArrayList<>(IDS);
        Collections.reverse(byPrice);
        for (ConfigurableApplicationContext asked : List.of(one, two)) {
            assertThat(ids(search(asked, "city=" + CITY + "&sort=price_desc&limit=100"))).isEqualTo(byPrice);

            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = search(asked, "city=" + CITY + "&sort=price_desc&limit=5"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                paged.addAll(ids(page));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            } while (cursor != null);
            assertThat(paged).isEqualTo(byPrice);
        }
    }

    @Test
    void a_consistency_token_makes_the_instance_without_the_listing_see_the_write_at_once() throws Exception {
        String id = IDS.get(3);
        ConfigurableApplicationContext notHolder =
                cluster(one).hostFor(ListingViewProjection.STORE, id).equals(self(one)) ? two : one;
        RecordMetadata written = send(new ListingUpdated(id, details("Twin unit renamed").city(CITY)
                .price("1000003").build(), null, List.of("title")), 2);
        String token = ConsistencyToken.of(id, 3).at(Topics.LISTING_EVENTS, written.partition(), written.offset())
                .encode();

        HttpResponse<String> byId = get(notHolder, "/api/msme/listings/" + id, Map.of(ConsistencyToken.HEADER, token));
        HttpResponse<String> found = get(notHolder, "/api/msme/listings?q=renamed&city=" + CITY,
                Map.of(ConsistencyToken.HEADER, token));

        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(json(byId).get("title").asString()).isEqualTo("Twin unit renamed");
        assertThat(byId.headers().firstValue(ClusterRequest.CONSISTENCY_HEADER)).isEmpty();
        assertThat(ids(json(found))).containsExactly(id);
        assertThat(found.headers().firstValue(ClusterRequest.CONSISTENCY_HEADER)).isEmpty();
    }

    private ConfigurableApplicationContext start(String applicationId, Path stateDir) {
        // As arguments: SpringApplicationBuilder.properties() are defaults, which application.yml overrides.
        return new SpringApplicationBuilder(ProjectionsApplication.class).run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + TestBroker.bootstrapServers(),
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.kafka.streams.properties.commit.interval.ms=100",
                "--atlas.projections.consistency-wait=10s",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN");
    }

    private RecordMetadata send(ListingEvent event, long sequence) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.LISTING_EVENTS, null, event.listingId(),
                ListingEvents.payload(event), ListingEvents.headers(event, sequence))).get();
    }

    private JsonNode search(ConfigurableApplicationContext instance, String query) throws Exception {
        HttpResponse<String> response = get(instance, "/api/msme/listings?" + query, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> get(ConfigurableApplicationContext instance, String pathAndQuery,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                        + ((WebServerApplicationContext) instance).getWebServer().getPort()
                        + pathAndQuery.replace(" ", URLEncoder.encode(" ", StandardCharsets.UTF_8))))
                .header("X-User-Id", "buyer-1")
                .header("X-User-Roles", "BUYER");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
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
}
