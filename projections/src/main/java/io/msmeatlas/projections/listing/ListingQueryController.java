package io.msmeatlas.projections.listing;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The listing read API, answered by the whole group of projections instances: a listing by id on the
 * instance that holds its partition ({@link KeyedQuery}), a search on every instance at once, merged
 * ({@link FanOut}, {@link PageMerge}). A query carrying an {@code X-Consistency-Token} waits for it
 * where the token's partition is read ({@link ReadYourWrites}) and is marked {@code X-Consistency: stale}
 * if the wait runs out. Query parameters are taken as text so that every client mistake becomes a
 * 400 problem naming the parameter.
 */
@RestController
class ListingQueryController {

    private static final Logger log = LoggerFactory.getLogger(ListingQueryController.class);
    private static final String STORE = ListingViewProjection.STORE;

    private final ListingQuery listings;
    private final ProjectionCluster cluster;
    private final KeyedQuery keyed;
    private final FanOut fanOut;
    private final ReadYourWrites readYourWrites;

    ListingQueryController(ListingQuery listings, ProjectionCluster cluster, KeyedQuery keyed, FanOut fanOut,
            ReadYourWrites readYourWrites) {
        this.listings = listings;
        this.cluster = cluster;
        this.keyed = keyed;
        this.fanOut = fanOut;
        this.readYourWrites = readYourWrites;
    }

    /**
     * A published, under-offer or sold listing is for every signed-in user, without its confidential
     * fields unless the caller is its seller or an administrator; any other is the seller's business
     * and, to anyone else, does not exist.
     */
    @GetMapping("/api/msme/listings/{id}")
    ResponseEntity<?> byId(Caller caller, @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            HttpServletRequest request) {
        Optional<ConsistencyToken> token = ClusterRequest.consistencyToken(request);
        ListingAccess access = new ListingAccess(caller);
        return keyed.answer(STORE, id, request, partition -> {
            Set<Integer> here = Set.of(partition);
            Outcome outcome = await(token, here);
            ListingView view = listings.byId(id, QueryScope.allLocalPartitions().withPartitions(here))
                    .filter(access::canOpen)
                    .orElseThrow(() -> ProblemException.notFound("Listing", id));
            String etag = view.etag();
            HttpStatus status = matches(ifNoneMatch, etag) ? HttpStatus.NOT_MODIFIED : HttpStatus.OK;
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).eTag(etag)
                    .headers(headers -> ClusterRequest.markStale(headers, outcome));
            return status == HttpStatus.NOT_MODIFIED ? answer.build() : answer.body(access.represent(view));
        });
    }

    /** Buyers find live listings; administrators may filter any status. */
    @GetMapping("/api/msme/listings")
    ResponseEntity<?> search(Caller caller, ListingSearch.Parameters parameters, HttpServletRequest request) {
        ListingAccess access = new ListingAccess(caller);
        return everywhere(ListingSearch.parse(parameters, access.isAdmin()), access, request);
    }

    /** The caller's own listings in every state, newest first. */
    @GetMapping("/api/msme/listings/mine")
    ResponseEntity<?> mine(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        caller.requireAnyRole(ListingAccess.SELLER);
        return everywhere(ListingSearch.mine(caller.userId(), status, cursor, limit), new ListingAccess(caller),
                request);
    }

    /** Listings awaiting review, oldest submission first, for administrators. */
    @GetMapping("/api/msme/moderation/queue")
    ResponseEntity<?> moderationQueue(Caller caller, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit, HttpServletRequest request) {
        caller.requireAnyRole(ListingAccess.ADMIN);
        return everywhere(ListingSearch.moderationQueue(cursor, limit), new ListingAccess(caller), request);
    }

    /** Kafka Streams is starting, rebalancing or restoring the stores: the client should retry. */
    @ExceptionHandler(InvalidStateStoreException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(InvalidStateStoreException ex) {
        log.info("Listing store unavailable: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Listings are being loaded; retry shortly.");
        problem.setTitle("Listings temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem);
    }

    /**
     * The search over every partition of the group. A peer asked for its share answers with the full
     * views of its page ({@link PeerPage}); the instance the client asked merges the shares and shows
     * each listing as the caller may see it.
     */
    private ResponseEntity<?> everywhere(ListingSearch search, ListingAccess access, HttpServletRequest request) {
        Optional<ConsistencyToken> token = ClusterRequest.consistencyToken(request);
        Optional<Set<Integer>> asked = ClusterRequest.partitions(request);
        if (asked.isPresent()) {
            cluster.requireReadable(STORE, asked.get());
            Share share = share(search, asked.get(), token);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> ClusterRequest.markStale(headers, share.outcome()))
                    .body(EventJson.mapper().writeValueAsBytes(PeerPage.of(share.page())));
        }
        List<FanOut.Part<Share>> parts = fanOut.collect(STORE, PeerRequest.of(request),
                partitions -> share(search, partitions, token), answered -> Share.of(search.sort(), answered));
        List<ListingPage> pages = new ArrayList<>(parts.size());
        boolean stale = false;
        for (FanOut.Part<Share> part : parts) {
            pages.add(part.value().page());
            stale |= part.value().outcome() == Outcome.STALE;
        }
        ListingPage merged = PageMerge.merge(search.sort(), pages, search.limit());
        Outcome outcome = stale ? Outcome.STALE : Outcome.SATISFIED;
        return ResponseEntity.ok().headers(headers -> ClusterRequest.markStale(headers, outcome))
                .body(ListingPageResponse.of(merged, access));
    }

    /** This instance's page for {@code partitions}, once it reflects the token if the token concerns them. */
    private Share share(ListingSearch search, Set<Integer> partitions, Optional<ConsistencyToken> token) {
        Outcome outcome = await(token, partitions);
        return new Share(listings.search(search, QueryScope.allLocalPartitions().withPartitions(partitions)), outcome);
    }

    private Outcome await(Optional<ConsistencyToken> token, Set<Integer> partitions) {
        return token.map(t -> readYourWrites.await(STORE, t, id -> localVersion(id, partitions), partitions))
                .orElse(Outcome.SATISFIED);
    }

    private OptionalLong localVersion(String id, Set<Integer> partitions) {
        return listings.byId(id, QueryScope.allLocalPartitions().withPartitions(partitions))
                .map(view -> OptionalLong.of(view.version()))
                .orElse(OptionalLong.empty());
    }

    /** RFC 9110 If-None-Match: a list of entity tags, weak ones matching too, or {@code *}. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** One instance's answer to a search: its page and whether it reflects the consistency token. */
    private record Share(ListingPage page, Outcome outcome) {

        static Share of(ListingSort sort, PeerResponse.Answered answered) {
            PeerPage peer = EventJson.read(answered.body(), PeerPage.class);
            boolean stale = answered.header(ClusterRequest.CONSISTENCY_HEADER).filter(ClusterRequest.STALE::equals)
                    .isPresent();
            return new Share(peer.toPage(sort), stale ? Outcome.STALE : Outcome.SATISFIED);
        }
    }

    /**
     * A share of a search as one instance sends it to another: the full views (the asking instance
     * decides what its caller sees) and the next cursor. Only peers see it: the gateway drops the
     * header that asks for it.
     */
    record PeerPage(List<ListingView> items, String nextCursor) {

        static PeerPage of(ListingPage page) {
            return new PeerPage(page.items(), page.nextCursor());
        }

        ListingPage toPage(ListingSort sort) {
            return new ListingPage(sort, items.stream().map(view -> new ListingPage.Hit(SortKey.of(sort, view), view))
                    .toList(), nextCursor);
        }
    }
}
