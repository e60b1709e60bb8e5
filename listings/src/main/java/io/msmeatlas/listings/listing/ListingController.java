package io.msmeatlas.listings.listing;

import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The listing commands. Reads are served by the projections service; the gateway routes GETs there.
 * Only sellers act on listings, each on their own (the aggregate checks ownership); an admin may
 * withdraw any listing.
 */
@RestController
@RequestMapping("/api/msme/listings")
class ListingController {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final String SELLER = "SELLER";
    static final String ADMIN = "ADMIN";

    private final ListingCommands commands;
    private final Clock clock;

    ListingController(ListingCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<ListingRequests.Accepted> draft(Caller caller, @Valid @RequestBody ListingRequests.Draft request,
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        caller.requireAnyRole(SELLER);
        requireNotInFuture(request.yearEstablished());
        String listingId = idempotencyKey == null
                ? UUID.randomUUID().toString()
                : ListingIds.forIdempotencyKey(caller.userId(), idempotencyKey);
        ListingRequests.Accepted accepted = commands.draft(
                new DraftListing(listingId, caller.userId(), request.toDetails()));
        return ResponseEntity.created(URI.create("/api/msme/listings/" + accepted.id())).body(accepted);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    ListingRequests.Accepted update(Caller caller, @PathVariable String id,
            @Valid @RequestBody ListingRequests.Update request) {
        caller.requireAnyRole(SELLER);
        if (request.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to update",
                    "The request names no field to change.");
        }
        requireNotInFuture(request.yearEstablished());
        return commands.send(id, new UpdateListing(id, request.toChanges(), caller.userId()), caller.userId());
    }

    @PostMapping("/{id}/publish")
    ListingRequests.Accepted publish(Caller caller, @PathVariable String id) {
        caller.requireAnyRole(SELLER);
        return commands.send(id, new PublishListing(id, caller.userId()), caller.userId());
    }

    @PostMapping("/{id}/withdraw")
    ListingRequests.Accepted withdraw(Caller caller, @PathVariable String id,
            @Valid @RequestBody(required = false) ListingRequests.Withdraw request) {
        caller.requireAnyRole(SELLER, ADMIN);
        return commands.send(id, new WithdrawListing(id, request == null ? null : request.reason(),
                caller.userId(), caller.hasRole(ADMIN)), caller.userId());
    }

    private void requireNotInFuture(Integer yearEstablished) {
        if (yearEstablished != null && yearEstablished > Year.now(clock).getValue()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                    "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "yearEstablished", "message", "must not be in the future"))));
        }
    }
}
