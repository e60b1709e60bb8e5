package io.msmeatlas.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment configuration checks of {@code scripts/check-infra.sh}, run by CI: every kustomize
 * overlay renders and keeps its invariants, nginx -t, the Compose file, promtool on the rules and
 * their tests, the dashboards. A check whose tool is not installed on this machine is reported by the
 * script and tolerated here; every other failure fails the build.
 */
class InfraChecksIT {

    private static final List<String> OVERLAYS = List.of("staging", "production", "aws", "gcp", "azure");

    @Test
    void every_deployment_check_whose_tool_is_installed_passes() throws Exception {
        List<String> lines = runChecks();

        assertThat(lines).as("the script's summary").anyMatch(line -> line.matches("\\d+ passed, \\d+ failed"));
        assertThat(failuresOtherThanMissingTools(lines)).as(String.join("\n", lines)).isEmpty();
        if (onPath("kubectl")) {
            for (String overlay : OVERLAYS) {
                assertThat(lines).contains("PASS  k8s: kubectl kustomize infra/k8s/overlays/" + overlay);
            }
        }
        if (onPath("promtool")) {
            assertThat(lines).contains("PASS  prometheus: promtool test rules infra/prometheus/alerts.test.yml");
        }
    }

    private static List<String> runChecks() throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process process = new ProcessBuilder("bash", root.resolve("scripts/check-infra.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("check-infra.sh finished").isTrue();
        return output.lines().toList();
    }

    /** FAIL lines not followed by the script's "missing tool:" explanation. */
    private static List<String> failuresOtherThanMissingTools(List<String> lines) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FAIL  ")) {
                boolean missingTool = i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("missing tool:");
                if (!missingTool) {
                    failures.add(lines.get(i));
                }
            }
        }
        return failures;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }
}
