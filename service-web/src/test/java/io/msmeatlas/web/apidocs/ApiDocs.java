package io.msmeatlas.web.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's {@code /v3/api-docs} as its tests check it (shared with the services through this
 * module's test jar): an OpenAPI 3 document whose every operation answers its errors as problems.
 */
public final class ApiDocs {

    /**
     * The OpenAPI 3.1 document schema (OAI, Apache 2.0) as published in @seriousme/openapi-schema-validator
     * 2.11.0, whose only change is {@code $ref} for {@code $dynamicRef}; it checks the document's structure,
     * not the JSON Schemas inside it.
     */
    private static final Schema OPENAPI_3_1 = openApiSchema();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    private ApiDocs(JsonNode root) {
        this.root = root;
    }

    /**
     * {@code GET /v3/api-docs} from a service on this machine, as the gateway's route asks for it: with no
     * identity headers.
     */
    public static ApiDocs fetch(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            return parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fails unless the text is an OpenAPI 3.1 document, valid against the specification's schema, with at
     * least one path.
     */
    public static ApiDocs parse(String body) {
        JsonNode root = JsonMapper.builder().build().readTree(body);
        assertThat(root.path("openapi").asString()).as("OpenAPI version").startsWith("3.1.");
        assertThat(OPENAPI_3_1.validate(body, InputFormat.JSON)).as("violations of the OpenAPI 3.1 schema").isEmpty();
        assertThat(root.path("paths").isObject() && !root.path("paths").isEmpty()).as("paths").isTrue();
        return new ApiDocs(root);
    }

    private static Schema openApiSchema() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("openapi-3.1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public Set<String> paths() {
        return root.path("paths").propertyNames().stream().collect(Collectors.toCollection(TreeSet::new));
    }

    /** "POST /api/msme/listings" to its operation. */
    public Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.put(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        method.getValue());
            }
        }));
        return operations;
    }

    public JsonNode operation(String methodAndPath) {
        JsonNode operation = operations().get(methodAndPath);
        assertThat(operation).as(methodAndPath + " in " + operations().keySet()).isNotNull();
        return operation;
    }

    /** The status codes an operation documents. */
    public static Set<String> statuses(JsonNode operation) {
        return operation.path("responses").propertyNames().stream().collect(Collectors.toSet());
    }

    /**
     * Every operation documents its errors, each as {@code application/problem+json} with the shared
     * problem schema, and at least the rate limit and unavailability every request can meet.
     */
    public ApiDocs everyOperationAnswersProblems() {
        List<String> wrong = new ArrayList<>();
        operations().forEach((name, operation) -> {
            Set<String> statuses = statuses(operation);
            if (!statuses.containsAll(Set.of("429", "503"))) {
                wrong.add(name + " documents " + statuses);
            }
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().matches("[45]\\d\\d")) {
                    JsonNode schema = response.getValue().path("content").path("application/problem+json")
                            .path("schema");
                    if (!"#/components/schemas/ProblemDetail".equals(schema.path("$ref").asString())
                            || response.getValue().path("content").size() != 1) {
                        wrong.add(name + " " + response.getKey() + " is not a problem: " + response.getValue());
                    }
                }
            });
        });
        assertThat(wrong).isEmpty();
        assertThat(root.path("components").path("schemas").path("ProblemDetail").path("properties")
                .propertyNames()).contains("type", "title", "status", "detail", "instance", "errors");
        return this;
    }

    /** Operations that need a token say so and document 401; the gateway's identity headers are no parameter. */
    public ApiDocs identityComesFromTheBearerToken() {
        operations().forEach((name, operation) -> {
            for (JsonNode parameter : operation.path("parameters")) {
                assertThat(parameter.path("name").asString()).as(name)
                        .isNotIn("X-User-Id", "X-User-Roles", "X-Projections-Partitions", "caller");
            }
            if (!operation.path("security").isMissingNode()) {
                assertThat(operation.path("security").toString()).as(name).contains("bearerAuth");
                assertThat(statuses(operation)).as(name).contains("401", "403");
            }
        });
        return this;
    }
}
