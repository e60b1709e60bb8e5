package io.msmeatlas.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The results as a Markdown table and as JSON, under a timestamped name and as latest.md / latest.json. */
final class Report {

    /** One scenario: its figure, its same-run baseline and the ratio the target is about. */
    record Row(String id, String scenario, String measured, String baseline, double ratio, String target,
            boolean met, long errors) {

        String verdict() {
            return measured.startsWith("not run") ? "NOT RUN" : met ? "met" : "NOT met";
        }
    }

    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> settings = new LinkedHashMap<>();
    final List<Row> rows = new ArrayList<>();
    final List<Load.Result> runs = new ArrayList<>();
    final Map<String, HeapSampler.ServiceMemory> memory = new LinkedHashMap<>();
    final Map<String, Object> notes = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# MSMEAtlas benchmark — ").append(settings.get("started")).append("\n\n");
        md.append("Machine: ").append(machine).append("  \n");
        md.append("Settings: ").append(settings).append("\n\n");
        md.append("| id | scenario | measured | baseline (same run) | ratio | target | result | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.id).append(" | ").append(r.scenario).append(" | ").append(r.measured)
                    .append(" | ").append(r.baseline).append(" | ")
                    .append(Scenarios.ratio(r.ratio)).append(" | ")
                    .append(r.target).append(" | ").append(r.verdict()).append(" | ").append(r.errors).append(" |\n");
        }
        md.append("\n### Load runs (latency in ms, HdrHistogram; errors never counted as latencies)\n\n");
        md.append("| run | clients | ok | errors | ops/s | mean | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Load.Result r : runs) {
            md.append("| ").append(r.name()).append(" | ").append(r.clients()).append(" | ").append(r.ok()).append(" | ")
                    .append(r.errorCount()).append(" | ").append(Scenarios.fmt(r.opsPerSecond())).append(" | ")
                    .append(Scenarios.fmt(r.meanMs())).append(" | ").append(Scenarios.fmt(r.ms(50))).append(" | ").append(Scenarios.fmt(r.ms(95))).append(" | ")
                    .append(Scenarios.fmt(r.ms(99))).append(" | ").append(Scenarios.fmt(r.maxMs())).append(" |\n");
        }
        boolean anyErrors = runs.stream().anyMatch(r -> r.errorCount() > 0);
        if (anyErrors) {
            md.append("\nErrors by kind:\n\n");
            for (Load.Result r : runs) {
                r.errors().forEach((kind, n) -> md.append("- ").append(r.name()).append(": ").append(kind)
                        .append(" × ").append(n).append('\n'));
            }
        }
        if (!memory.isEmpty()) {
            md.append("\n### P5 memory per service during P1–P4 (from /actuator/prometheus, sampled every second)\n\n");
            md.append("| service | peak heap used (MiB) | cap | GC pauses | mean pause (ms) | p99 pause (ms) | max pause (ms) | samples | failed scrapes |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            for (HeapSampler.ServiceMemory m : memory.values()) {
                md.append("| ").append(m.service()).append(" | ").append(Scenarios.fmt(m.peakHeapMiB())).append(" | 128 | ")
                        .append(m.gcPauses()).append(" | ").append(Scenarios.fmt(m.meanGcPauseMs())).append(" | ")
                        .append(m.p99GcPauseMs() == null ? "n/a (no buckets published)" : Scenarios.fmt(m.p99GcPauseMs()))
                        .append(" | ").append(Scenarios.fmt(m.maxGcPauseMs())).append(" | ").append(m.samples())
                        .append(" | ").append(m.failedScrapes()).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            md.append("\nNotes:\n\n");
            notes.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        if (!failures.isEmpty()) {
            md.append("\n**Scenarios that failed to run:**\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("settings", settings);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", r.id);
            s.put("scenario", r.scenario);
            s.put("measured", r.measured);
            s.put("baseline", r.baseline);
            s.put("ratio", Double.isNaN(r.ratio) ? null : r.ratio);
            s.put("target", r.target);
            s.put("result", r.verdict());
            s.put("errors", r.errors);
            scenarios.add(s);
        }
        json.put("scenarios", scenarios);
        List<Map<String, Object>> loads = new ArrayList<>();
        for (Load.Result r : runs) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", r.name());
            l.put("clients", r.clients());
            l.put("ok", r.ok());
            l.put("errors", r.errors());
            l.put("seconds", r.seconds());
            l.put("opsPerSecond", r.opsPerSecond());
            l.put("meanMs", nullIfNaN(r.meanMs()));
            l.put("p50Ms", nullIfNaN(r.ms(50)));
            l.put("p95Ms", nullIfNaN(r.ms(95)));
            l.put("p99Ms", nullIfNaN(r.ms(99)));
            l.put("maxMs", nullIfNaN(r.maxMs()));
            loads.add(l);
        }
        json.put("runs", loads);
        json.put("memory", memory.values());
        json.put("notes", notes);
        json.put("failures", failures);
        return json;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Writes {@code <stamp>.md|json} and copies them to latest.md / latest.json. */
    List<Path> write(Path dir, String stamp) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(stamp + ".md");
        Path json = dir.resolve(stamp + ".json");
        Files.writeString(md, markdown(), StandardCharsets.UTF_8);
        Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(json()), StandardCharsets.UTF_8);
        Files.copy(md, dir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(json, dir.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
        return List.of(md, json);
    }
}
