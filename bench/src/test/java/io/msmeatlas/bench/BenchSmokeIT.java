package io.msmeatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner itself works end to end: it starts the platform from the launcher jar on free ports, runs
 * every scenario at tiny sizes, writes both result files and stops everything. No timing assertions:
 * figures from a tiny run on a shared machine mean nothing.
 */
class BenchSmokeIT {

    @Test
    void runsEveryScenarioAndWritesResults(@TempDir Path results) throws Exception {
        int exit = new CommandLine(new Bench()).execute(
                "--project-root", "..", "--results-dir", results.toString(),
                "--clients", "2", "--warmup-seconds", "1", "--measure-seconds", "2",
                "--p2-samples", "5", "--p2-clients", "1", "--p3-events", "40", "--ab-requests", "20");

        assertThat(exit).as("every scenario ran (see the output for the one that did not)").isZero();
        assertThat(results.resolve("latest.md")).exists();
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(results.resolve("latest.json")));
        assertThat(json.get("scenarios").valueStream().map(s -> s.get("id").asString()))
                .containsExactly("P1", "P2", "P3", "P4", "P5", "S1");
        assertThat(json.get("runs").valueStream()).allSatisfy(run -> {
            assertThat(run.get("ok").asLong()).as(run.get("name").asString()).isPositive();
            assertThat(run.get("errors").size()).as(run.get("name") + " errors: " + run.get("errors")).isZero();
        });
        assertThat(json.get("memory").valueStream().map(m -> m.get("service").asString()))
                .containsExactly("command-gateway", "auth", "listings", "projections", "valuation", "matching",
                        "notifications", "lag-exporter");
        // Where P1's and P4's CPU went, by process: the services the runner started, Kafka and PostgreSQL among them.
        assertThat(json.get("notes").get("P1 CPU per command, by process (ms)").asString())
                .contains("listings", "command-gateway", "kafka", "postgresql");
        assertThat(json.get("notes").get("P4 CPU per read through the gateway, by process (ms)").asString())
                .contains("command-gateway", "projections");
    }
}
