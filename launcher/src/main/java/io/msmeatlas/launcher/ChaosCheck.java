package io.msmeatlas.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a chaos run: every acknowledged command against the event store, every stored event against
 * the topic (exactly once, in per-listing order) and every listing against the read model (same
 * version and status as a replay of its events), each discrepancy named.
 */
final class ChaosCheck {

    static final String TOPIC = "msme.listing.events";

    /** One stored event. */
    record Stored(String listingId, long sequence, String eventId, String type, String requestId) {
    }

    /** What the check found; {@code problems} lists each discrepancy. */
    record Result(int listings, int storedEvents, int acknowledged, int acknowledgedChanges, long topicRecords,
            int lost, int duplicated, int outOfOrder, int readModelMismatches, int unexpectedFailures,
            int refusalsWithoutRetryAfter, int valuations, int duplicatedValuations, int notifications,
            int duplicatedNotifications, List<String> problems) {

        boolean passed() {
            return lost == 0 && duplicated == 0 && outOfOrder == 0 && readModelMismatches == 0 && unexpectedFailures == 0
                    && refusalsWithoutRetryAfter == 0 && duplicatedValuations == 0 && duplicatedNotifications == 0;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]+)\"");

    private final PlatformConfig config;
    private final String gateway;
    private final String kafka;
    private final HttpClient http = HttpClient.newHttpClient();

    ChaosCheck(PlatformConfig config, String gateway, String kafka) {
        this.config = config;
        this.gateway = gateway;
        this.kafka = kafka;
    }

    Result check(List<ChaosClients.Command> commands, String adminToken) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, List<Stored>> store = eventStore();
        int storedEvents = store.values().stream().mapToInt(List::size).sum();
        store.forEach((listing, events) -> {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).sequence() != i) {
                    problems.add("event store: listing " + listing + " has sequence " + events.get(i).sequence()
                            + " at position " + i);
                    break;
                }
            }
        });

        // Every acknowledged command: its listing holds at least that version, and a change has its event.
        Set<String> requestIds = new HashSet<>();
        store.values().forEach(events -> events.forEach(e -> requestIds.add(e.requestId())));
        int acknowledged = 0;
        int changes = 0;
        int lost = 0;
        int failures = 0;
        int noRetryAfter = 0;
        for (ChaosClients.Command command : commands) {
            switch (command.outcome()) {
                case ACKNOWLEDGED -> {
                    acknowledged++;
                    List<Stored> events = store.getOrDefault(command.listingId(), List.of());
                    if (events.size() < command.version()) {
                        lost++;
                        problems.add("lost: " + command.kind() + " " + command.id() + " acknowledged version "
                                + command.version() + " of " + command.listingId() + ", store has " + events.size());
                    } else if (command.version() > command.previous()) {
                        changes++;
                        if (!requestIds.contains(command.id())) {
                            lost++;
                            problems.add("lost: no stored event of acknowledged " + command.kind() + " " + command.id());
                        }
                    }
                }
                case FAILED -> {
                    failures++;
                    problems.add("failed: " + command.kind() + " " + command.id() + " answered " + command.status());
                }
                case REFUSED_UNAVAILABLE -> {
                    if (command.status() == 503 && !command.retryAfter()) {
                        noRetryAfter++;
                        problems.add("503 without Retry-After: " + command.kind() + " " + command.id());
                    }
                }
                default -> {
                }
            }
        }

        // Every stored event on the topic exactly once, each listing's events in sequence order.
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        int outOfOrder = 0;
        long records = 0;
        for (ConsumerRecord<String, byte[]> record : topic()) {
            records++;
            String eventId = header(record, "ce_id");
            long sequence = Long.parseLong(header(record, "ce_sequence"));
            if (seen.merge(eventId, 1, Integer::sum) > 1) {
                continue;
            }
            Long last = lastSequence.put(record.key(), sequence);
            if (last != null && sequence <= last) {
                outOfOrder++;
                problems.add("out of order on " + TOPIC + ": listing " + record.key() + " sequence " + sequence
                        + " after " + last);
            }
        }
        int duplicated = 0;
        for (Map.Entry<String, Integer> entry : seen.entrySet()) {
            if (entry.getValue() > 1) {
                duplicated++;
                problems.add("duplicated on " + TOPIC + ": event " + entry.getKey() + " " + entry.getValue() + " times");
            }
        }
        for (List<Stored> events : store.values()) {
            for (Stored event : events) {
                if (!seen.containsKey(event.eventId())) {
                    lost++;
                    problems.add("lost: stored event " + event.eventId() + " (" + event.listingId() + " #"
                            + event.sequence() + ") is not on " + TOPIC);
                }
            }
        }

        // The read model: each listing at its stored version, in the status a replay gives, once.
        int mismatches = 0;
        for (Map.Entry<String, List<Stored>> entry : store.entrySet()) {
            String expectedStatus = replayStatus(entry.getValue());
            HttpResponse<String> view = get("/api/msme/listings/" + entry.getKey(), adminToken);
            JsonNode listing = view.statusCode() == 200 ? JSON.readTree(view.body()) : null;
            String version = listing != null ? listing.get("version").asString() : "absent (" + view.statusCode() + ")";
            String status = listing != null ? listing.get("status").asString() : "-";
            if (!version.equals(Integer.toString(entry.getValue().size())) || !expectedStatus.equals(status)) {
                mismatches++;
                problems.add("read model: listing " + entry.getKey() + " is version " + version + " " + status
                        + ", the store says " + entry.getValue().size() + " " + expectedStatus);
            }
        }
        int searchable = countInSearch(adminToken, problems);
        if (searchable != store.size()) {
            mismatches++;
            problems.add("read model: an administrator's search lists " + searchable + " listings, the store has "
                    + store.size());
        }
        int[] valuations = valuations(problems);
        int[] notifications = notifications(problems);
        return new Result(store.size(), storedEvents, acknowledged, changes, records, lost, duplicated, outOfOrder,
                mismatches, failures, noRetryAfter, valuations[0], valuations[1], notifications[0], notifications[1],
                problems);
    }

    /** Valuations stored, and listing versions valued more than once (the worker must value each once). */
    private int[] valuations(List<String> problems) throws SQLException {
        Map<String, Integer> perVersion = new HashMap<>();
        Pattern version = Pattern.compile("\"listingVersion\"\\s*:\\s*(\\d+)");
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select aggregate_identifier, payload from valuation.domain_event_entry "
                        + "where payload_type like '%ValuationCompleted'")) {
            while (rows.next()) {
                Matcher listingVersion = version.matcher(new String(rows.getBytes(2), StandardCharsets.UTF_8));
                perVersion.merge(rows.getString(1) + "@" + (listingVersion.find() ? listingVersion.group(1) : "?"), 1,
                        Integer::sum);
            }
        }
        int duplicated = 0;
        for (Map.Entry<String, Integer> entry : perVersion.entrySet()) {
            if (entry.getValue() > 1) {
                duplicated++;
                problems.add("valuation: listing version " + entry.getKey() + " valued " + entry.getValue() + " times");
            }
        }
        return new int[] {perVersion.values().stream().mapToInt(Integer::intValue).sum(), duplicated};
    }

    /** Notifications stored, and events that notified one user more than once. */
    private int[] notifications(List<String> problems) throws SQLException {
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select count(*), count(*) - count(distinct (user_id, event_id)) from notifications.notification")) {
            rows.next();
            if (rows.getInt(2) > 0) {
                problems.add("notifications: " + rows.getInt(2) + " duplicated");
            }
            return new int[] {rows.getInt(1), rows.getInt(2)};
        }
    }

    /** The status a listing's events lead to. */
    static String replayStatus(List<Stored> events) {
        String status = "DRAFT";
        for (Stored event : events) {
            String type = event.type().substring(event.type().lastIndexOf('.') + 1);
            status = switch (type) {
                case "ListingSubmitted" -> "SUBMITTED";
                case "ListingPublished", "ListingReturnedToMarket" -> "PUBLISHED";
                case "ListingRejected" -> "REJECTED";
                case "ListingSuspended" -> "SUSPENDED";
                case "ListingMarkedUnderOffer" -> "UNDER_OFFER";
                case "ListingSold" -> "SOLD";
                case "ListingExpired" -> "EXPIRED";
                case "ListingWithdrawn" -> "WITHDRAWN";
                default -> status;
            };
        }
        return status;
    }

    /** Waits until the outbox is empty and the read model shows every stored event, or the timeout. */
    boolean awaitQuiet(Duration timeout, String adminToken) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (outboxEmpty() && readModelCaughtUp(adminToken)) {
                return true;
            }
            TimeUnit.SECONDS.sleep(2);
        }
        return false;
    }

    private boolean outboxEmpty() throws SQLException {
        try (Connection db = connect(); ResultSet rows = db.createStatement()
                .executeQuery("select count(*) from listings.event_outbox")) {
            rows.next();
            return rows.getLong(1) == 0;
        }
    }

    private boolean readModelCaughtUp(String adminToken) throws Exception {
        Map<String, List<Stored>> store = eventStore();
        for (Map.Entry<String, List<Stored>> entry : store.entrySet()) {
            HttpResponse<String> view = get("/api/msme/listings/" + entry.getKey(), adminToken);
            if (view.statusCode() != 200 || JSON.readTree(view.body()).get("version").asLong() != entry.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, List<Stored>> eventStore() throws SQLException {
        Map<String, List<Stored>> store = new TreeMap<>();
        try (Connection db = connect(); ResultSet rows = db.createStatement().executeQuery(
                "select aggregate_identifier, sequence_number, event_identifier, payload_type, meta_data "
                        + "from listings.domain_event_entry order by aggregate_identifier, sequence_number")) {
            while (rows.next()) {
                byte[] meta = rows.getBytes(5);
                Matcher requestId = REQUEST_ID.matcher(meta == null ? "" : new String(meta, StandardCharsets.UTF_8));
                Stored event = new Stored(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        requestId.find() ? requestId.group(1) : null);
                store.computeIfAbsent(event.listingId(), id -> new ArrayList<>()).add(event);
            }
        }
        return store;
    }

    private List<ConsumerRecord<String, byte[]>> topic() throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        // As a subscriber reads: committed transactions only (the publisher writes each batch in one).
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "enable.auto.commit", false, "isolation.level", "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + TOPIC + " to its end");
                }
            }
        }
        // Per partition in offset order, which is what a subscriber sees.
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    private int countInSearch(String adminToken, List<String> problems) throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> page = get("/api/msme/listings?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    adminToken);
            if (page.statusCode() != 200) {
                problems.add("read model: search answered " + page.statusCode());
                return -1;
            }
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(page.body());
            while (id.find()) {
                if (!ids.add(id.group(1))) {
                    problems.add("read model: listing " + id.group(1) + " appears twice in search");
                }
            }
            Matcher next = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(page.body());
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return ids.size();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), "postgres", "");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "?";
    }
}
