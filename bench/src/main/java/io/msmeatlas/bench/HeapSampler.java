package io.msmeatlas.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * P5: samples every service's {@code /actuator/prometheus} once a second while the scenarios run: heap
 * in use (all heap pools summed), and GC pauses ({@code jvm_gc_pause_seconds}: count, sum, max, and the
 * histogram buckets when a service publishes them).
 */
final class HeapSampler implements AutoCloseable {

    record ServiceMemory(String service, double peakHeapMiB, long samples, long failedScrapes,
            double maxGcPauseMs, long gcPauses, double meanGcPauseMs, Double p99GcPauseMs) {
    }

    private final Map<String, String> services;
    private final AtlasClient http;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Double> peakHeap = new ConcurrentHashMap<>();
    private final Map<String, Double> maxPause = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> samples = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, Prometheus> first = new ConcurrentHashMap<>();
    private final Map<String, Prometheus> last = new ConcurrentHashMap<>();

    HeapSampler(Map<String, String> services, AtlasClient http) {
        this.services = services;
        this.http = http;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::sampleAll, 0, 1, TimeUnit.SECONDS);
    }

    private void sampleAll() {
        services.forEach((name, url) -> {
            try {
                Prometheus metrics = Prometheus.parse(http.getText(url + "/actuator/prometheus"));
                peakHeap.merge(name, metrics.sum("jvm_memory_used_bytes", "area=\"heap\""), Math::max);
                maxPause.merge(name, metrics.max("jvm_gc_pause_seconds_max"), Math::max);
                first.putIfAbsent(name, metrics);
                last.put(name, metrics);
                samples.computeIfAbsent(name, k -> new LongAdder()).increment();
            } catch (Exception e) {
                failures.computeIfAbsent(name, k -> new LongAdder()).increment();
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Map<String, ServiceMemory> results() {
        Map<String, ServiceMemory> results = new LinkedHashMap<>();
        for (String name : services.keySet()) {
            Prometheus a = first.get(name);
            Prometheus b = last.get(name);
            long pauses = a == null ? 0 : Math.round(b.sum("jvm_gc_pause_seconds_count", "") - a.sum("jvm_gc_pause_seconds_count", ""));
            double pauseSeconds = a == null ? 0 : b.sum("jvm_gc_pause_seconds_sum", "") - a.sum("jvm_gc_pause_seconds_sum", "");
            results.put(name, new ServiceMemory(name,
                    peakHeap.getOrDefault(name, Double.NaN) / (1024 * 1024),
                    count(samples, name), count(failures, name),
                    maxPause.getOrDefault(name, Double.NaN) * 1000,
                    pauses, pauses == 0 ? 0 : pauseSeconds * 1000 / pauses,
                    a == null ? null : p99FromBuckets(a, b)));
        }
        return results;
    }

    /**
     * A service's own mean time per request over the run (from {@code http_server_requests_seconds}), to
     * show where a client-observed latency goes; NaN when the service published no such requests.
     */
    double serverMeanMs(String service, String method, String uri) {
        Prometheus a = first.get(service);
        Prometheus b = last.get(service);
        if (a == null) {
            return Double.NaN;
        }
        String m = "method=\"" + method + "\"";
        String u = "uri=\"" + uri + "\"";
        double count = b.sum("http_server_requests_seconds_count", m, u) - a.sum("http_server_requests_seconds_count", m, u);
        double sum = b.sum("http_server_requests_seconds_sum", m, u) - a.sum("http_server_requests_seconds_sum", m, u);
        return count <= 0 ? Double.NaN : sum * 1000 / count;
    }

    private static long count(Map<String, LongAdder> counts, String name) {
        LongAdder adder = counts.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** p99 of the pauses during the run from cumulative bucket deltas; null when no buckets are published. */
    private static Double p99FromBuckets(Prometheus before, Prometheus after) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.buckets("jvm_gc_pause_seconds_bucket").forEach((le, n) -> delta.merge(le, n, Double::sum));
        before.buckets("jvm_gc_pause_seconds_bucket").forEach((le, n) -> delta.merge(le, -n, Double::sum));
        if (delta.isEmpty()) {
            return null;
        }
        double total = delta.lastEntry().getValue();
        if (total <= 0) {
            return 0.0;
        }
        for (Map.Entry<Double, Double> bucket : delta.entrySet()) {
            if (bucket.getValue() >= 0.99 * total) {
                return bucket.getKey() * 1000;
            }
        }
        return null;
    }
}
