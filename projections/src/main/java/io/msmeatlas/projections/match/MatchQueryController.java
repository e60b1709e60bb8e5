package io.msmeatlas.projections.match;

import io.msmeatlas.projections.cluster.ClusterRequest;
import io.msmeatlas.projections.cluster.FanOut;
import io.msmeatlas.projections.cluster.KeyedQuery;
import io.msmeatlas.projections.cluster.PeerRequest;
import io.msmeatlas.projections.cluster.PeerResponse;
import io.msmeatlas.projections.cluster.ProjectionCluster;
import io.msmeatlas.projections.cluster.ReadYourWrites;
import io.msmeatlas.projections.cluster.ReadYourWrites.Outcome;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The matchmaking read API (every GET under {@code /api/matchmaking/}), answered by the whole group of
 * projections instances like the listing API: one match or profile by id on the instance that holds
 * its partition ({@link KeyedQuery}); a list on every instance at once, each scanning the index of its
 * partitions ({@link FanOut}), merged by index key. Items are shaped for the caller where they are
 * read ({@link MatchAccess}), so a peer's share is already what the caller may see. A query with an
 * {@code X-Consistency-Token} from a matching command waits for it ({@link ReadYourWrites}).
 */
@RestController
class MatchQueryController {

    private static final Logger log = LoggerFactory.getLogger(MatchQueryController.class);
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final Set<String> INTERESTS = Set.of("NONE", "EXPRESSED", "ACCEPTED", "DECLINED");
    private static final Set<String> RECEIVED = Set.of("EXPRESSED", "ACCEPTED", "DECLINED");

    private final MatchQuery query;
    private final ProjectionCluster cluster;
    private final KeyedQuery keyed;
    private final FanOut fanOut;
    private final ReadYourWrites readYourWrites;

    MatchQueryController(MatchQuery query, ProjectionCluster cluster, KeyedQuery keyed, FanOut fanOut,
            ReadYourWrites readYourWrites) {
        this.query = query;
        this.cluster = cluster;
        this.keyed = keyed;
        this.fanOut = fanOut;
        this.readYourWrites = readYourWrites;
    }

    /** The caller's matches, best score first; optionally of one profile, or at one step of the deal flow. */
    @GetMapping("/api/matchmaking/matches/mine")
    ResponseEntity<?> myMatches(Caller caller, @RequestParam(required = false) String profileId,
            @RequestParam(required = false) String interest, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit, HttpServletRequest request) {
        caller.requireAnyRole(MatchAccess.BUYER);
        String step = oneOf("interest", interest, INTERESTS);
        MatchAccess access = new MatchAccess(caller);
        Predicate<MatchView> wanted = view -> access.isBuyerOf(view)
                && (profileId == null || profileId.equals(view.profileId()))
                && (step == null || step.equals(view.interest()));
        return list(MatchProjection.MATCHES, MatchIndex.buyerPrefix(caller.userId()), cursor, limit, request,
                matches(access, wanted));
    }

    /** A listing's matches, best score first: for its seller and administrators (empty for anyone else). */
    @GetMapping("/api/matchmaking/listings/{listingId}/matches")
    ResponseEntity<?> listingMatches(Caller caller, @PathVariable String listingId,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        caller.requireAnyRole(MatchAccess.SELLER, MatchAccess.ADMIN);
        MatchAccess access = new MatchAccess(caller);
        Predicate<MatchView> wanted = view -> access.isAdmin() || access.isSellerOf(view);
        return list(MatchProjection.MATCHES, MatchIndex.listingPrefix(listingId), cursor, limit, request,
                matches(access, wanted));
    }

    /** The interests the calling seller received on any listing, newest first; optionally at one step. */
    @GetMapping("/api/matchmaking/interests/received")
    ResponseEntity<?> receivedInterests(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        caller.requireAnyRole(MatchAccess.SELLER);
        String step = oneOf("status", status, RECEIVED);
        MatchAccess access = new MatchAccess(caller);
        Predicate<MatchView> wanted = view -> access.isSellerOf(view) && (step == null || step.equals(view.interest()));
        return list(MatchProjection.MATCHES, MatchIndex.sellerPrefix(caller.userId()), cursor, limit, request,
                matches(access, wanted));
    }

    /** The caller's buyer profiles. */
    @GetMapping("/api/matchmaking/profiles/mine")
    ResponseEntity<?> myProfiles(Caller caller, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit, HttpServletRequest request) {
        caller.requireAnyRole(MatchAccess.BUYER);
        MatchAccess access = new MatchAccess(caller);
        return list(MatchProjection.PROFILES, MatchIndex.profilesPrefix(caller.userId()), cursor, limit, request,
                (partition, id) -> Optional.ofNullable(query.stores().profile(partition, id))
                        .filter(view -> view.buyerId().equals(caller.userId()))
                        .filter(access::canOpen)
                        .map(MatchQueryController::tree));
    }

    /** One match with its deal flow: for its buyer, its seller and administrators; 404 for anyone else. */
    @GetMapping("/api/matchmaking/matches/{id}")
    ResponseEntity<?> match(Caller caller, @PathVariable String id, HttpServletRequest request) {
        MatchAccess access = new MatchAccess(caller);
        Optional<ConsistencyToken> token = ClusterRequest.consistencyToken(request);
        return keyed.answer(MatchProjection.MATCHES, id, request, partition -> {
            Outcome outcome = await(MatchProjection.MATCHES, token, Set.of(partition));
            MatchView view = Optional.ofNullable(query.stores().match(partition, id)).filter(access::canOpen)
                    .orElseThrow(() -> ProblemException.notFound("Match", id));
            return one(access.represent(view), view.version(), outcome);
        });
    }

    /** One buyer profile: for its buyer and administrators; 404 for anyone else. */
    @GetMapping("/api/matchmaking/profiles/{id}")
    ResponseEntity<?> profile(Caller caller, @PathVariable String id, HttpServletRequest request) {
        MatchAccess access = new MatchAccess(caller);
        Optional<ConsistencyToken> token = ClusterRequest.consistencyToken(request);
        return keyed.answer(MatchProjection.PROFILES, id, request, partition -> {
            Outcome outcome = await(MatchProjection.PROFILES, token, Set.of(partition));
            BuyerProfileView view = Optional.ofNullable(query.stores().profile(partition, id)).filter(access::canOpen)
                    .orElseThrow(() -> ProblemException.notFound("Buyer profile", id));
            return one(view, view.version(), outcome);
        });
    }

    /** Kafka Streams is starting, rebalancing or restoring the stores: the client should retry. */
    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(InvalidStateStoreException ex) {
        log.info("Match store unavailable: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Matches are being loaded; retry shortly.");
        problem.setTitle("Matchmaking temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    private MatchQuery.Loader matches(MatchAccess access, Predicate<MatchView> wanted) {
        return (partition, id) -> Optional.ofNullable(query.stores().match(partition, id))
                .filter(wanted)
                .filter(access::canOpen)
                .map(view -> tree(access.represent(view)));
    }

    /**
     * A list over every partition of the group: asked by a peer for some partitions, this instance's
     * share; asked by a client, every instance's share merged.
     */
    private ResponseEntity<?> list(String store, String prefix, String cursor, String limitParameter,
            HttpServletRequest request, MatchQuery.Loader loader) {
        int limit = limit(limitParameter);
        Optional<String> after = IndexPage.decode(cursor, prefix);
        Optional<ConsistencyToken> token = ClusterRequest.consistencyToken(request);
        Optional<Set<Integer>> asked = ClusterRequest.partitions(request);
        if (asked.isPresent()) {
            cluster.requireReadable(store, asked.get());
            Outcome outcome = await(store, token, asked.get());
            return json(query.page(prefix, after, limit, asked.get(), loader), outcome);
        }
        List<FanOut.Part<Share>> parts = fanOut.collect(store, PeerRequest.of(request),
                partitions -> new Share(query.page(prefix, after, limit, partitions, loader),
                        await(store, token, partitions)),
                Share::of);
        List<IndexPage> pages = new ArrayList<>(parts.size());
        boolean stale = false;
        for (FanOut.Part<Share> part : parts) {
            pages.add(part.value().page());
            stale |= part.value().outcome() == Outcome.STALE;
        }
        return json(IndexPage.merge(pages, limit).response(limit), stale ? Outcome.STALE : Outcome.SATISFIED);
    }

    private Outcome await(String store, Optional<ConsistencyToken> token, Set<Integer> partitions) {
        return token.map(t -> readYourWrites.await(store, t, id -> localVersion(store, id, partitions), partitions))
                .orElse(Outcome.SATISFIED);
    }

    private OptionalLong localVersion(String store, String id, Set<Integer> partitions) {
        for (int partition : partitions) {
            Long version = MatchProjection.PROFILES.equals(store)
                    ? Optional.ofNullable(query.stores().profile(partition, id)).map(BuyerProfileView::version)
                            .orElse(null)
                    : Optional.ofNullable(query.stores().match(partition, id)).map(MatchView::version).orElse(null);
            if (version != null) {
                return OptionalLong.of(version);
            }
        }
        return OptionalLong.empty();
    }

    private static ResponseEntity<byte[]> one(Object body, long version, Outcome outcome) {
        return ResponseEntity.ok().eTag("\"" + version + "\"").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> ClusterRequest.markStale(headers, outcome))
                .body(EventJson.mapper().writeValueAsBytes(body));
    }

    private static ResponseEntity<byte[]> json(Object body, Outcome outcome) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> ClusterRequest.markStale(headers, outcome))
                .body(EventJson.mapper().writeValueAsBytes(body));
    }

    private static JsonNode tree(Object view) {
        return EventJson.mapper().valueToTree(view);
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid limit",
                "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid " + name,
                    name + " must be one of " + new java.util.TreeSet<>(allowed) + ".");
        }
        return upper;
    }

    /** One instance's share of a list and whether it reflects the consistency token. */
    private record Share(IndexPage page, Outcome outcome) {

        static Share of(PeerResponse.Answered answered) {
            IndexPage page = EventJson.read(answered.body(), IndexPage.class);
            boolean stale = answered.header(ClusterRequest.CONSISTENCY_HEADER).filter(ClusterRequest.STALE::equals)
                    .isPresent();
            return new Share(page, stale ? Outcome.STALE : Outcome.SATISFIED);
        }
    }
}
