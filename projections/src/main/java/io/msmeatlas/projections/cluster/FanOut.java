package io.msmeatlas.projections.cluster;

import io.msmeatlas.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Asks every instance of a plan for its share of a store's partitions at once, this instance
 * included (through a callback, on the calling thread, while the peers work), and collects the
 * answers. An instance that cannot be reached, or says it cannot answer now (502/503/504), has its
 * partitions asked again once, of the standbys a new plan that avoids it names; if that fails too,
 * the query fails with 503 rather than answering with partitions missing.
 */
public class FanOut {

    /** Which instance answers for which partitions of a store, avoiding some instances. */
    @FunctionalInterface
    public interface Planner {
        Map<HostInfo, Set<Integer>> plan(String store, Set<HostInfo> avoid);
    }

    /** One instance's answer for its partitions. */
    public record Part<T>(HostInfo host, Set<Integer> partitions, T value) {

        public Part {
            partitions = Set.copyOf(partitions);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final Planner planner;
    private final PeerClient peers;
    private final Supplier<HostInfo> self;
    private final Duration patience;

    /**
     * @param patience how long this instance's own read may retry while a task of its moves between
     *        standby and active ({@code peer-timeout}, as for a peer)
     */
    public FanOut(Planner planner, PeerClient peers, Supplier<HostInfo> self, Duration patience) {
        this.planner = planner;
        this.peers = peers;
        this.self = self;
        this.patience = patience;
    }

    /**
     * @param request the query as peers must see it ({@link PeerRequest#of})
     * @param local this instance's answer for the partitions it was given; throwing an
     *        {@link InvalidStateStoreException} hands them to another replica like a failed peer
     * @param remote reads a peer's successful (2xx) answer
     * @return one part per answer, together covering every partition of the store exactly once
     * @throws PartitionsUnavailableException (a 503) when some partitions found no replica to answer
     */
    public <T> List<Part<T>> collect(String store, PeerRequest request, Function<Set<Integer>, T> local,
            Function<PeerResponse.Answered, T> remote) {
        Round<T> first = round(planner.plan(store, Set.of()), request, local, remote);
        if (first.failedPartitions.isEmpty()) {
            return first.parts;
        }
        log.info("Asking standbys of {} for partitions {} of {}", first.failedHosts, first.failedPartitions, store);
        Map<HostInfo, Set<Integer>> retry = new LinkedHashMap<>();
        planner.plan(store, first.failedHosts).forEach((host, partitions) -> {
            Set<Integer> wanted = new TreeSet<>(partitions);
            wanted.retainAll(first.failedPartitions);
            if (!wanted.isEmpty()) {
                retry.put(host, wanted);
            }
        });
        Round<T> second = round(retry, request, local, remote);
        if (!second.failedPartitions.isEmpty()) {
            throw new PartitionsUnavailableException(store, second.failedPartitions,
                    "neither " + first.failedHosts + " nor " + second.failedHosts + " answered");
        }
        List<Part<T>> parts = new ArrayList<>(first.parts);
        parts.addAll(second.parts);
        return parts;
    }

    private <T> Round<T> round(Map<HostInfo, Set<Integer>> plan, PeerRequest request,
            Function<Set<Integer>, T> local, Function<PeerResponse.Answered, T> remote) {
        HostInfo me = self.get();
        Map<HostInfo, CompletableFuture<PeerResponse>> pending = new LinkedHashMap<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(me)) {
                pending.put(host, peers.send(host, request, partitions));
            }
        });
        Round<T> round = new Round<>();
        Set<Integer> mine = plan.get(me);
        if (mine != null) {
            try {
                round.parts.add(new Part<>(me, mine, Retry.reading(patience, () -> local.apply(mine))));
            } catch (InvalidStateStoreException e) {
                round.fail(me, mine, e.getMessage());
            }
        }
        pending.forEach((host, future) -> {
            Set<Integer> partitions = plan.get(host);
            PeerResponse response = future.join();
            if (response instanceof PeerResponse.Answered answered && answered.isSuccess()) {
                round.parts.add(new Part<>(host, partitions, remote.apply(answered)));
            } else if (response instanceof PeerResponse.Answered answered && !answered.isUnavailable()) {
                // The same query this instance accepted: a peer that rejects it runs another version.
                throw new ProblemException(HttpStatus.BAD_GATEWAY, "Projections peer failed",
                        "Instance " + host + " answered " + answered.status() + " for partitions " + partitions + ".");
            } else {
                round.fail(host, partitions, response instanceof PeerResponse.Unreachable unreachable
                        ? unreachable.cause().toString()
                        : "status " + ((PeerResponse.Answered) response).status());
            }
        });
        return round;
    }

    private static final class Round<T> {

        final List<Part<T>> parts = new ArrayList<>();
        final Set<HostInfo> failedHosts = new HashSet<>();
        final Set<Integer> failedPartitions = new TreeSet<>();

        void fail(HostInfo host, Set<Integer> partitions, String why) {
            log.warn("Instance {} did not answer for partitions {}: {}", host, partitions, why);
            failedHosts.add(host);
            failedPartitions.addAll(partitions);
        }
    }
}
