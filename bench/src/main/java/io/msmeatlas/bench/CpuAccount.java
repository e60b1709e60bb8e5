package io.msmeatlas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a scenario's CPU goes: CPU time of every process the platform runs (the launcher's descendants:
 * each service, Kafka, PostgreSQL's processes, Redis) and of this load generator, plus how busy the
 * whole machine was. On a 2-core machine the platform's CPU per command bounds its throughput no matter
 * how the code waits, so the ratio against a one-process baseline is explained by these figures.
 */
final class CpuAccount {

    private static final Pattern SERVICE_JAR = Pattern.compile("([a-z-]+)-\\d[^/]*-exec\\.jar");

    record Snapshot(long wallNanos, Map<String, Long> cpuNanos, long[] machineJiffies) {
    }

    /** CPU per operation by process, busy share of the machine, and the ceiling it implies. */
    record Usage(Map<String, Double> msPerOp, double totalMsPerOp, double machineBusy, double ceilingOpsPerSecond) {

        String describe() {
            StringBuilder text = new StringBuilder(Scenarios.fmt(totalMsPerOp) + " ms in all (");
            msPerOp.forEach((name, ms) -> text.append(name).append(' ').append(Scenarios.fmt(ms)).append(", "));
            text.setLength(text.length() - 2);
            return text.append(")").toString();
        }
    }

    private final Optional<ProcessHandle> platform;
    private final Optional<String> dataDir;

    /**
     * {@code platform}: the launcher the runner started, and its data directory; empty for {@code --url}
     * (only this process and the machine).
     */
    CpuAccount(Optional<ProcessHandle> platform, Optional<Path> dataDir) {
        this.platform = platform;
        this.dataDir = dataDir.map(dir -> dir.toAbsolutePath().toString());
    }

    Snapshot take() {
        Map<String, Long> cpu = new TreeMap<>();
        platformProcesses().forEach(process -> add(cpu, name(process), process));
        add(cpu, "load generator (bench)", ProcessHandle.current());
        return new Snapshot(System.nanoTime(), cpu, machineJiffies());
    }

    /**
     * The launcher and its descendants, and the servers that left that tree: pg_ctl daemonises PostgreSQL,
     * so the postmaster (found by its data directory on the command line) and its backends are added.
     */
    private List<ProcessHandle> platformProcesses() {
        Map<Long, ProcessHandle> processes = new LinkedHashMap<>();
        platform.ifPresent(root -> Stream.concat(Stream.of(root), root.descendants())
                .forEach(process -> processes.put(process.pid(), process)));
        dataDir.ifPresent(dir -> ProcessHandle.allProcesses()
                .filter(process -> !processes.containsKey(process.pid()))
                .filter(process -> process.info().commandLine().orElse("").contains(dir))
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .forEach(process -> processes.putIfAbsent(process.pid(), process)));
        return List.copyOf(processes.values());
    }

    static Usage between(Snapshot before, Snapshot after, long operations) {
        Map<String, Double> perOp = new LinkedHashMap<>();
        double total = 0;
        List<Map.Entry<String, Long>> deltas = after.cpuNanos().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.cpuNanos().getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Long> delta : deltas) {
            double ms = delta.getValue() / 1e6 / Math.max(1, operations);
            perOp.put(delta.getKey(), ms);
            if (!delta.getKey().startsWith("load generator")) {
                total += ms;
            }
        }
        double busy = Double.NaN;
        if (before.machineJiffies() != null && after.machineJiffies() != null) {
            double all = after.machineJiffies()[0] - before.machineJiffies()[0];
            double idle = after.machineJiffies()[1] - before.machineJiffies()[1];
            busy = all <= 0 ? Double.NaN : 1 - idle / all;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new Usage(perOp, total, busy, total <= 0 ? Double.NaN : cores * 1000 / total);
    }

    private static void add(Map<String, Long> cpu, String name, ProcessHandle process) {
        Optional<Duration> time = process.info().totalCpuDuration();
        time.ifPresent(d -> cpu.merge(name, d.toNanos(), Long::sum));
    }

    /** A readable name from the command line: the service's jar, or the server's program. */
    private static String name(ProcessHandle process) {
        String command = process.info().command().orElse("?");
        String line = process.info().commandLine().orElse(command);
        Matcher jar = SERVICE_JAR.matcher(line);
        if (jar.find()) {
            // The launcher runs the Kafka broker as its own process: "launcher-...-exec.jar kafka ...".
            boolean broker = jar.group(1).equals("launcher") && line.contains("-exec.jar kafka ");
            return broker ? "kafka" : jar.group(1);
        }
        if (command.contains("postgres")) {
            return "postgresql";
        }
        if (command.contains("redis")) {
            return "redis";
        }
        return Path.of(command).getFileName().toString();
    }

    /** Total and idle (with iowait) jiffies of all CPUs, from /proc/stat; null where there is none. */
    private static long[] machineJiffies() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
