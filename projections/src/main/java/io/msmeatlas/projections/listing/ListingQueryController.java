package io.msmeatlas.projections.listing;

import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/msme/listings")
class ListingQueryController {

    private static final Logger log = LoggerFactory.getLogger(ListingQueryController.class);

    private final ListingQuery listings;

    ListingQueryController(ListingQuery listings) {
        this.listings = listings;
    }

    /** A listing that is not published is the seller's business: to anyone else it does not exist. */
    @GetMapping("/{id}")
    ResponseEntity<ListingView> byId(Caller caller, @PathVariable String id) {
        ListingView view = listings.byId(id).filter(v -> v.isVisibleTo(caller))
                .orElseThrow(() -> ProblemException.notFound("Listing", id));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }

    /** Parameters are taken as text so that every client mistake becomes a 400 naming the parameter. */
    @GetMapping
    ListingPage search(Caller caller, @RequestParam(required = false) String sector,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String minPrice,
            @RequestParam(required = false) String maxPrice,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit) {
        return listings.search(ListingSearch.parse(sector, state, status, minPrice, maxPrice, cursor, limit),
                view -> view.isVisibleTo(caller));
    }

    /** Kafka Streams is starting, rebalancing or restoring the store: the client should retry. */
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
}
