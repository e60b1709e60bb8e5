package io.msmeatlas.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: N workers each call the operation back to back, first for a warm-up (not recorded),
 * then for a measured period or a number of operations. Latencies go to HdrHistograms in microseconds;
 * every failed call is counted by kind and never recorded as a latency.
 */
final class Load {

    /** One call. Returns its own latency in nanoseconds, or a negative number to use the call's wall time. */
    interface Op {
        long call(int worker) throws Exception;
    }

    /** A call whose answer was wrong (status, body or timeout); counted under {@link #kind}. */
    static final class Failure extends Exception {
        final String kind;

        Failure(String kind) {
            super(kind, null, false, false);
            this.kind = kind;
        }
    }

    record Result(String name, int clients, long ok, Map<String, Long> errors, double seconds, Histogram micros) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double opsPerSecond() {
            return seconds > 0 ? ok / seconds : 0;
        }

        double ms(double percentile) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }

        double meanMs() {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getMean() / 1000.0;
        }

        double maxMs() {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getMaxValue() / 1000.0;
        }
    }

    private Load() {
    }

    static Result forDuration(String name, int clients, Duration warmup, Duration measure, Op op) {
        return run(name, clients, warmup, measure, -1, op);
    }

    static Result forCount(String name, int clients, Duration warmup, long count, Op op) {
        return run(name, clients, warmup, null, count, op);
    }

    private static Result run(String name, int clients, Duration warmup, Duration measure, long count, Op op) {
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        LongAdder ok = new LongAdder();
        AtomicLong remaining = new AtomicLong(count);
        List<Histogram> histograms = new ArrayList<>();
        // Workers start measuring together, after all warmed up, so the measured period is all load.
        long[] measuredStart = new long[1];
        CyclicBarrier measuring = new CyclicBarrier(clients, () -> measuredStart[0] = System.nanoTime());
        List<Thread> threads = new ArrayList<>();
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        for (int w = 0; w < clients; w++) {
            int worker = w;
            Histogram histogram = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < warmupEnd) {
                        call(op, worker, null, null, errors);
                    }
                    measuring.await();
                    long end = measure == null ? Long.MAX_VALUE : measuredStart[0] + measure.toNanos();
                    while (measure != null ? System.nanoTime() < end : remaining.getAndDecrement() > 0) {
                        call(op, worker, histogram, ok, errors);
                    }
                } catch (Exception e) {
                    errors.computeIfAbsent("runner: " + e, k -> new LongAdder()).increment();
                }
            }, name + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during " + name, e);
            }
        }
        double seconds = (System.nanoTime() - measuredStart[0]) / 1e9;
        Histogram all = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        histograms.forEach(all::add);
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        return new Result(name, clients, ok.sum(), errorCounts, seconds, all);
    }

    private static void call(Op op, int worker, Histogram histogram, LongAdder ok, Map<String, LongAdder> errors) {
        long start = System.nanoTime();
        try {
            long own = op.call(worker);
            long nanos = own >= 0 ? own : System.nanoTime() - start;
            if (histogram != null) {
                histogram.recordValue(Math.max(1, Math.min(nanos / 1000, histogram.getHighestTrackableValue())));
                ok.increment();
            }
        } catch (Failure f) {
            count(errors, histogram, f.kind);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count(errors, histogram, "interrupted");
        } catch (Exception e) {
            count(errors, histogram, e.getClass().getSimpleName());
        }
    }

    /** Warm-up failures are reported too, under their own name. */
    private static void count(Map<String, LongAdder> errors, Histogram measuring, String kind) {
        errors.computeIfAbsent(measuring == null ? "warm-up: " + kind : kind, k -> new LongAdder()).increment();
    }
}
