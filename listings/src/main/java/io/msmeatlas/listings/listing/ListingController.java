package io.msmeatlas.listings.listing;

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
 * The caller's identity arrives in {@code X-User-Id}, set by the gateway (never by the client).
 */
@RestController
@RequestMapping("/api/msme/listings")
class ListingController {

    static final String USER_HEADER = "X-User-Id";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Until the gateway authenticates callers, commands are attributed to this placeholder. */
    static final String ANONYMOUS = "anonymous";

    private final ListingCommands commands;
    private final Clock clock;

    ListingController(ListingCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<ListingRequests.Accepted> draft(@Valid @RequestBody ListingRequests.Draft request,
            @RequestHeader(name = USER_HEADER, required = false) String userId,
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        requireNotInFuture(request.yearEstablished());
        String seller = userId == null || userId.isBlank() ? ANONYMOUS : userId;
        String listingId = idempotencyKey == null
                ? UUID.randomUUID().toString()
                : ListingIds.forIdempotencyKey(seller, idempotencyKey);
        ListingRequests.Accepted accepted = commands.draft(new DraftListing(listingId, seller, request.toDetails()));
        return ResponseEntity.created(URI.create("/api/msme/listings/" + accepted.id())).body(accepted);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    ListingRequests.Accepted update(@PathVariable String id, @Valid @RequestBody ListingRequests.Update request) {
        if (request.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to update",
                    "The request names no field to change.");
        }
        requireNotInFuture(request.yearEstablished());
        return commands.send(id, new UpdateListing(id, request.toChanges()));
    }

    @PostMapping("/{id}/publish")
    ListingRequests.Accepted publish(@PathVariable String id) {
        return commands.send(id, new PublishListing(id));
    }

    @PostMapping("/{id}/withdraw")
    ListingRequests.Accepted withdraw(@PathVariable String id,
            @Valid @RequestBody(required = false) ListingRequests.Withdraw request) {
        return commands.send(id, new WithdrawListing(id, request == null ? null : request.reason()));
    }

    private void requireNotInFuture(Integer yearEstablished) {
        if (yearEstablished != null && yearEstablished > Year.now(clock).getValue()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                    "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "yearEstablished", "message", "must not be in the future"))));
        }
    }
}
