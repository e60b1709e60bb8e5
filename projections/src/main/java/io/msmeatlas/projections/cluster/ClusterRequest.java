package io.msmeatlas.projections.cluster;

import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The headers projections instances use between themselves, read from and written to HTTP messages.
 *
 * <p>A request that carries {@value #PARTITIONS_HEADER} was forwarded by a peer, which already chose
 * this instance for those partitions: it is answered from them locally and never forwarded again, so
 * two instances with different views of the group cannot bounce a request between them.
 */
public final class ClusterRequest {

    /** The store partitions a forwarded query must be answered from, e.g. {@code 0,3,5}. */
    public static final String PARTITIONS_HEADER = "X-Projections-Partitions";

    /** On a response: {@value #STALE} when a consistency token's wait ran out (see {@link ReadYourWrites}). */
    public static final String CONSISTENCY_HEADER = "X-Consistency";
    public static final String STALE = "stale";

    private static final int MAX_PARTITIONS = 10_000;

    private ClusterRequest() {
    }

    /** The partitions a peer asked this instance to answer from, if the request was forwarded. */
    public static Optional<Set<Integer>> partitions(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(PARTITIONS_HEADER)).map(ClusterRequest::parsePartitions);
    }

    /** The consistency token the client sent back, if any; a malformed one is a 400. */
    public static Optional<ConsistencyToken> consistencyToken(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader(ConsistencyToken.HEADER))
                .filter(token -> !token.isBlank())
                .map(ConsistencyToken::decode);
    }

    /** Marks a response stale when the wait for its consistency token ran out. */
    public static void markStale(HttpHeaders headers, ReadYourWrites.Outcome outcome) {
        if (outcome == ReadYourWrites.Outcome.STALE) {
            headers.set(CONSISTENCY_HEADER, STALE);
        }
    }

    static String formatPartitions(Set<Integer> partitions) {
        return new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Integer> parsePartitions(String header) {
        try {
            TreeSet<Integer> partitions = Arrays.stream(header.split(","))
                    .map(String::strip)
                    .map(Integer::parseInt)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (partitions.isEmpty() || partitions.first() < 0 || partitions.last() >= MAX_PARTITIONS) {
                throw new IllegalArgumentException("out of range");
            }
            return Collections.unmodifiableSet(partitions);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid partitions",
                    "The " + PARTITIONS_HEADER + " header must list partition numbers, e.g. 0,3,5.");
        }
    }
}
