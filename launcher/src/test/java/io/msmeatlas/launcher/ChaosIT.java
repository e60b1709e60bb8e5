package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The chaos run, short: a few hundred commands from three clients while each fault of the full run
 * ({@code scripts/chaos.sh}) happens once, a few seconds long, on the end-to-end tests' platform, which
 * every fault leaves running again.
 */
class ChaosIT {

    @Test
    void commands_under_kafka_service_postgres_and_redis_failures_lose_and_duplicate_nothing() throws Exception {
        ChaosRun chaos = new ChaosRun();
        new CommandLine(chaos).parseArgs("--commands", "300", "--clients", "3", "--fault-seconds", "3",
                "--report-dir", "target/chaos");

        ChaosRun.Outcome outcome = chaos.runOn(SharedPlatform.get());

        assertThat(outcome.faults()).as("faults injected").hasSize(5);
        assertThat(outcome.result().problems()).as("discrepancies (see " + outcome.report() + ")").isEmpty();
        assertThat(outcome.result().acknowledgedChanges()).as("acknowledged commands that changed a listing")
                .isGreaterThan(100);
        assertThat(outcome.result().valuations()).as("listing versions valued while things failed").isPositive();
        assertThat(outcome.passed()).isTrue();
    }
}
