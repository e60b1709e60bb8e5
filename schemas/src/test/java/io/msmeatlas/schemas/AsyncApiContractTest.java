package io.msmeatlas.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml}, what topic subscribers read, says what the code does: every topic the
 * code names is a channel, every event type and schema version is a message on its topic with its
 * CloudEvents attributes and its schema file, and the headers, partitions, retention and reader
 * settings are those of {@link EventEnvelope} and {@link Topics}.
 */
class AsyncApiContractTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCUMENT = REPOSITORY.resolve("docs/asyncapi.yaml");
    private static final Path SCHEMAS = REPOSITORY.resolve("schemas/src/main/resources/schemas");
    /** A topic name as the code writes it: event topics and dead-letter topics. */
    private static final Pattern TOPIC = Pattern.compile("msme\\.[a-z][a-z-]*\\.(events|dlq)");
    private static final Pattern SOURCE = Pattern.compile(".*\\.(java|yml|yaml|properties)");
    /** Each schema file says where it is published: "published on <topic> with key = <field>". */
    private static final Pattern PUBLISHED_ON = Pattern.compile("published on (\\S+) with key = (\\w+)");
    /** JSON Schema keywords newer than draft-07: the document declares the payloads as draft-07. */
    private static final Set<String> NEWER_KEYWORDS = Set.of("prefixItems", "$dynamicRef", "$dynamicAnchor",
            "$anchor", "$recursiveRef", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
            "dependentSchemas", "minContains", "maxContains");

    private final JsonNode asyncApi = read(DOCUMENT);

    @Test
    void the_document_is_asyncapi_3() {
        assertThat(asyncApi.path("asyncapi").asString()).startsWith("3.");
    }

    @Test
    void every_topic_the_code_names_is_a_channel_and_every_channel_a_topic_the_code_names() throws IOException {
        Set<String> topicsInCode = topicsNamedInMainSources();
        for (String constant : topicConstants()) {
            assertThat(topicsInCode).contains(constant);
        }

        assertThat(channelsByAddress().keySet()).containsExactlyInAnyOrderElementsOf(topicsInCode);
    }

    @Test
    void every_event_topic_has_the_partitions_retention_and_reader_settings_of_the_code() {
        for (String topic : topicConstants()) {
            JsonNode kafka = channel(topic).path("bindings").path("kafka");
            assertThat(kafka.path("topic").asString()).isEqualTo(topic);
            assertThat(kafka.path("partitions").asInt()).as(topic).isEqualTo(Topics.DEFAULT_PARTITIONS);
            JsonNode configuration = kafka.path("topicConfiguration");
            Topics.EVENT_TOPIC_CONFIG.forEach((name, value) -> {
                JsonNode documented = configuration.path(name);
                String text = documented.isArray() ? String.join(",", documented.valueStream()
                        .map(JsonNode::asString).toList()) : documented.asString();
                assertThat(text).as(topic + " " + name).isEqualTo(value);
            });

            List<JsonNode> receivers = operationsOn(topic);
            assertThat(receivers).as("a receive operation on " + topic).isNotEmpty();
            for (JsonNode operation : receivers) {
                assertThat(operation.path("action").asString()).isEqualTo("receive");
                Map<String, Object> config = new HashMap<>();
                operation.path("x-consumer-config").properties().forEach(e -> config.put(e.getKey(),
                        e.getValue().asString()));
                assertThat(config).as(topic + " subscriber settings").isEqualTo(Topics.SUBSCRIBER_CONFIG);
            }
        }
    }

    @Test
    void every_published_event_type_is_a_message_on_the_topic_its_schema_names() {
        for (EventContract contract : EventContracts.all()) {
            JsonNode schema = read(SCHEMAS.resolve(contract.context()).resolve(contract.name() + ".v"
                    + contract.version() + ".json"));
            Matcher publishedOn = PUBLISHED_ON.matcher(schema.path("description").asString());
            assertThat(publishedOn.find()).as(contract.schemaResource() + " names its topic and key").isTrue();

            JsonNode message = messageFor(publishedOn.group(1), contract.ceType(), contract.version());
            assertThat(message).as(contract.ceType() + " v" + contract.version() + " on " + publishedOn.group(1))
                    .isNotNull();
            assertThat(constant(message, "ce_dataschema")).isEqualTo(contract.dataSchema());
            assertThat(message.path("bindings").path("kafka").path("key").path("description").asString())
                    .as("the key of " + contract.ceType()).contains(publishedOn.group(2));
        }
    }

    @Test
    void every_schema_file_of_every_version_is_the_payload_of_a_message_on_its_topic() throws IOException {
        int files = 0;
        try (Stream<Path> paths = Files.walk(SCHEMAS)) {
            for (Path file : paths.filter(f -> f.toString().endsWith(".json")).toList()) {
                String fileName = file.getFileName().toString();
                String context = file.getParent().getFileName().toString();
                String type = fileName.substring(0, fileName.indexOf('.'));
                String version = fileName.replaceAll(".*\\.v(\\d+)\\.json", "$1");
                JsonNode schema = read(file);
                Matcher publishedOn = PUBLISHED_ON.matcher(schema.path("description").asString());
                assertThat(publishedOn.find()).as(fileName + " names its topic and key").isTrue();

                List<JsonNode> carrying = messagesOn(publishedOn.group(1)).stream()
                        .filter(m -> file.normalize().equals(payloadFile(m))).toList();
                assertThat(carrying).as(fileName + " on " + publishedOn.group(1)).hasSize(1);
                JsonNode message = carrying.get(0);
                assertThat(constant(message, "ce_type")).isEqualTo("io.msmeatlas." + context + "." + type);
                assertThat(constant(message, "ce_dataversion")).isEqualTo(version);
                assertThat(constant(message, "ce_dataschema")).isEqualTo(schema.path("$id").asString());
                files++;
            }
        }
        assertThat(messages()).as("one message per schema file").hasSize(files);
    }

    @Test
    void every_message_names_the_source_its_publisher_is_configured_with() throws IOException {
        Map<String, String> sourceByTopic = outboxSources();
        assertThat(sourceByTopic.keySet()).containsExactlyInAnyOrderElementsOf(topicConstants());
        sourceByTopic.forEach((topic, source) -> messagesOn(topic).forEach(message ->
                assertThat(constant(message, "ce_source")).as(message.path("name").asString()).isEqualTo(source)));
    }

    @Test
    void the_cloudevents_headers_are_those_the_envelope_writes() {
        EventContract contract = EventContracts.all().iterator().next();
        RecordHeaders always = new RecordHeaders();
        EventEnvelope.of("e-1", "/msmeatlas/test", contract, "agg-1", Instant.EPOCH, 0, null).writeTo(always);
        RecordHeaders all = new RecordHeaders();
        EventEnvelope.of("e-1", "/msmeatlas/test", contract, "agg-1", Instant.EPOCH, 0, "req-1").writeTo(all);
        all.add(EventEnvelope.CE_HASH, new byte[0]);

        JsonNode headers = asyncApi.path("components").path("schemas").path("CloudEventsHeaders");
        assertThat(headers.path("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(names(all));
        assertThat(headers.path("required").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(names(always));
        assertThat(headers.path("properties").path(EventEnvelope.CE_SPECVERSION).path("const").asString())
                .isEqualTo(EventEnvelope.SPEC_VERSION);
        assertThat(headers.path("properties").path(EventEnvelope.CONTENT_TYPE_HEADER).path("const").asString())
                .isEqualTo(EventEnvelope.CONTENT_TYPE);
        for (JsonNode message : messages()) {
            assertThat(message.path("headers").path("allOf").get(0).path("$ref").asString())
                    .as(message.path("name").asString()).isEqualTo("#/components/schemas/CloudEventsHeaders");
        }
    }

    @Test
    void every_reference_resolves() {
        List<String> broken = new ArrayList<>();
        references(asyncApi, broken::add, new ArrayList<>());
        assertThat(broken).isEmpty();
    }

    @Test
    void payload_schemas_use_only_keywords_draft_07_has_as_the_document_declares() throws IOException {
        for (JsonNode message : messages()) {
            assertThat(message.path("payload").path("schemaFormat").asString())
                    .isEqualTo("application/schema+json;version=draft-07");
        }
        try (Stream<Path> files = Files.walk(SCHEMAS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Set<String> keywords = new TreeSet<>();
                keywords(read(file), keywords);
                assertThat(keywords).as(file.getFileName().toString()).doesNotContainAnyElementsOf(NEWER_KEYWORDS);
            }
        }
    }

    private static Set<String> topicConstants() {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topics.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    /** Every topic name in the modules' main code and configuration ({@code <module>/src/main}). */
    private static Set<String> topicsNamedInMainSources() throws IOException {
        Set<String> topics = new TreeSet<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path main : modules.map(module -> module.resolve("src/main")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> SOURCE.matcher(f.toString()).matches()).toList()) {
                        Matcher matcher = TOPIC.matcher(Files.readString(file));
                        while (matcher.find()) {
                            topics.add(matcher.group());
                        }
                    }
                }
            }
        }
        return topics;
    }

    /** Topic to {@code atlas.outbox.source} of each publishing service's application.yml. */
    private static Map<String, String> outboxSources() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path module : modules.toList()) {
                Path config = module.resolve("src/main/resources/application.yml");
                if (Files.isRegularFile(config)) {
                    JsonNode outbox = read(config).path("atlas").path("outbox");
                    if (outbox.has("topic")) {
                        sources.put(outbox.path("topic").asString(), outbox.path("source").asString());
                    }
                }
            }
        }
        return sources;
    }

    private Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new TreeMap<>();
        asyncApi.path("channels").forEach(channel -> channels.put(channel.path("address").asString(), channel));
        return channels;
    }

    private JsonNode channel(String topic) {
        JsonNode channel = channelsByAddress().get(topic);
        assertThat(channel).as("channel " + topic).isNotNull();
        return channel;
    }

    private String channelKey(String topic) {
        return asyncApi.path("channels").properties().stream()
                .filter(e -> e.getValue().path("address").asString().equals(topic))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private List<JsonNode> operationsOn(String topic) {
        String reference = "#/channels/" + channelKey(topic);
        return asyncApi.path("operations").valueStream()
                .filter(operation -> operation.path("channel").path("$ref").asString().equals(reference)).toList();
    }

    private List<JsonNode> messages() {
        return asyncApi.path("components").path("messages").valueStream()
                .filter(message -> message.path("payload").has("schema")).toList();
    }

    private static Path payloadFile(JsonNode message) {
        return DOCUMENT.getParent().resolve(message.path("payload").path("schema").path("$ref").asString()).normalize();
    }

    private List<JsonNode> messagesOn(String topic) {
        return channel(topic).path("messages").valueStream()
                .map(reference -> resolve(reference.path("$ref").asString())).toList();
    }

    private JsonNode messageFor(String topic, String ceType, int version) {
        return messagesOn(topic).stream()
                .filter(m -> ceType.equals(constant(m, "ce_type"))
                        && Integer.toString(version).equals(constant(m, "ce_dataversion")))
                .findFirst().orElse(null);
    }

    /** The value a message's headers fix for one attribute. */
    private static String constant(JsonNode message, String header) {
        for (JsonNode part : message.path("headers").path("allOf")) {
            JsonNode value = part.path("properties").path(header).path("const");
            if (!value.isMissingNode()) {
                return value.asString();
            }
        }
        return null;
    }

    private JsonNode resolve(String reference) {
        assertThat(reference).startsWith("#/");
        return asyncApi.at(reference.substring(1));
    }

    /** Collects each {@code $ref} that names no node of this document and no existing file. */
    private void references(JsonNode node, java.util.function.Consumer<String> broken, List<String> path) {
        if (node.isObject()) {
            JsonNode reference = node.path("$ref");
            if (reference.isString()) {
                String target = reference.asString();
                boolean resolves = target.startsWith("#/")
                        ? !asyncApi.at(target.substring(1)).isMissingNode()
                        : Files.isRegularFile(DOCUMENT.getParent().resolve(target).normalize());
                if (!resolves) {
                    broken.accept(String.join("/", path) + ": " + target);
                }
            }
            node.properties().forEach(e -> {
                path.add(e.getKey());
                references(e.getValue(), broken, path);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            node.forEach(item -> references(item, broken, path));
        }
    }

    private static void keywords(JsonNode node, Set<String> keywords) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                keywords.add(e.getKey());
                keywords(e.getValue(), keywords);
            });
        } else if (node.isArray()) {
            node.forEach(item -> keywords(item, keywords));
        }
    }

    private static Set<String> names(RecordHeaders headers) {
        Set<String> names = new LinkedHashSet<>();
        for (Header header : headers) {
            names.add(header.key());
        }
        return names;
    }

    private static JsonNode read(Path file) {
        try {
            return YAMLMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
