package io.msmeatlas.listings.listing;

import io.msmeatlas.outbox.OutboxProperties;
import io.msmeatlas.outbox.OutboxRelay;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The listing commands. Reads are served by the projections service; the gateway routes GETs there.
 * Sellers act on their own listings (the aggregate checks ownership); administrators moderate and
 * may withdraw any listing. Every answer carries the listing's version as its ETag, and every change
 * accepts an If-Match with the version the client expects. The time a command needs (the date that
 * picks the Udyam rules, an expiry) is read here, never inside the aggregate.
 */
@RestController
@RequestMapping("/api/msme/listings")
class ListingController {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final String SELLER = "SELLER";
    static final String ADMIN = "ADMIN";
    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final int MAX_REASON = 500;

    private final ListingCommands commands;
    private final ListingsProperties properties;
    private final OutboxRelay relay;
    private final OutboxProperties outbox;
    private final JsonMapper json;
    private final Clock clock;

    ListingController(ListingCommands commands, ListingsProperties properties, OutboxRelay relay,
            OutboxProperties outbox, JsonMapper json, Clock clock) {
        this.commands = commands;
        this.properties = properties;
        this.relay = relay;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true, description = "Drafted, or the listing an earlier "
            + "request with the same Idempotency-Key drafted", headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The listing's URL",
                            schema = @Schema(type = "string")),
                    @Header(name = HttpHeaders.ETAG, description = "The listing's version, quoted",
                            schema = @Schema(type = "string")),
                    @Header(name = ConsistencyToken.HEADER, description = "Pass it to a query to read this write",
                            schema = @Schema(type = "string"))})
    ResponseEntity<ListingRequests.Accepted> draft(Caller caller, @RequestBody ListingForm form,
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        caller.requireAnyRole(SELLER);
        LocalDate today = today();
        var details = form.toDetails();
        requireNoViolations(ListingRules.violations(details, today));
        try {
            ListingRules.classify(details, today);
        } catch (InvalidListing notAnMsme) {
            throw ListingCommands.invalid(notAnMsme);
        }
        String listingId = idempotencyKey == null
                ? UUID.randomUUID().toString()
                : ListingIds.forIdempotencyKey(caller.userId(), idempotencyKey);
        ListingOutcome outcome = commands.draft(new DraftListing(listingId, caller.userId(), details, today));
        return answer(ResponseEntity.created(URI.create("/api/msme/listings/" + listingId)), listingId, outcome);
    }

    /** A JSON merge patch: absent fields keep their value, null clears an optional one, objects and lists are replaced. */
    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            description = "Any fields of the listing: absent keeps, null clears, objects and lists are replaced whole",
            content = {
                    @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(implementation = ListingForm.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ListingForm.class))}))
    ResponseEntity<ListingRequests.Accepted> update(Caller caller, @PathVariable String id, @RequestBody byte[] body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        ListingChanges changes = changes(body);
        if (changes.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to update",
                    "The request names no field to change.");
        }
        LocalDate today = today();
        requireNoViolations(ListingRules.violations(changes.values(), today, changes.given()::contains));
        return send(id, expected, new UpdateListing(id, changes, caller.userId(), today, expected), caller);
    }

    /** The seller submits for review; the old name of the endpoint, from before moderation, does the same. */
    @PostMapping({"/{id}/submit", "/{id}/publish"})
    ResponseEntity<ListingRequests.Accepted> submit(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new SubmitListing(id, caller.userId(), properties.moderation().autoApprove(),
                expiresAt(), expected), caller);
    }

    @PostMapping("/{id}/approve")
    ResponseEntity<ListingRequests.Accepted> approve(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(ADMIN);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new ApproveListing(id, caller.userId(), expiresAt(), expected), caller);
    }

    @PostMapping("/{id}/reject")
    ResponseEntity<ListingRequests.Accepted> reject(Caller caller, @PathVariable String id,
            @RequestBody(required = false) ListingRequests.Reason body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(ADMIN);
        Long expected = IfMatch.expectedVersion(ifMatch);
        String reason = requiredReason(body);
        return send(id, expected, new RejectListing(id, reason, expected), caller);
    }

    @PostMapping("/{id}/suspend")
    ResponseEntity<ListingRequests.Accepted> suspend(Caller caller, @PathVariable String id,
            @RequestBody(required = false) ListingRequests.Reason body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(ADMIN);
        Long expected = IfMatch.expectedVersion(ifMatch);
        String reason = requiredReason(body);
        return send(id, expected, new SuspendListing(id, reason, expected), caller);
    }

    @PostMapping("/{id}/under-offer")
    ResponseEntity<ListingRequests.Accepted> underOffer(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new MarkUnderOffer(id, caller.userId(), expected), caller);
    }

    @PostMapping("/{id}/return-to-market")
    ResponseEntity<ListingRequests.Accepted> returnToMarket(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new ReturnToMarket(id, caller.userId(), expiresAt(), expected), caller);
    }

    @PostMapping("/{id}/sold")
    ResponseEntity<ListingRequests.Accepted> sold(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new MarkSold(id, caller.userId(), expected), caller);
    }

    @PostMapping("/{id}/withdraw")
    ResponseEntity<ListingRequests.Accepted> withdraw(Caller caller, @PathVariable String id,
            @RequestBody(required = false) ListingRequests.Reason body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER, ADMIN);
        Long expected = IfMatch.expectedVersion(ifMatch);
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
        requireNoViolations(reasonViolations(reason));
        return send(id, expected, new WithdrawListing(id, reason, caller.userId(), caller.hasRole(ADMIN), expected),
                caller);
    }

    private ResponseEntity<ListingRequests.Accepted> send(String id, Long expected, Object command, Caller caller) {
        ListingOutcome outcome = commands.send(id, expected, command, caller.userId());
        return answer(ResponseEntity.ok(), id, outcome);
    }

    /**
     * The answer to a command, with the version as ETag and a consistency token. When the command
     * stored events, the token carries their Kafka position if the relay publishes them within
     * {@code atlas.outbox.await-publish-timeout}; a command that changed nothing does not wait.
     */
    private ResponseEntity<ListingRequests.Accepted> answer(ResponseEntity.BodyBuilder response, String id,
            ListingOutcome outcome) {
        Duration wait = outcome.changed() ? outbox.awaitPublishTimeout() : Duration.ZERO;
        Optional<ConsistencyToken.Position> position = relay.awaitPublished(id, outcome.version() - 1, wait);
        String token = new ConsistencyToken(id, outcome.version(), position).encode();
        return response.eTag(IfMatch.etag(outcome.version()))
                .header(ConsistencyToken.HEADER, token)
                .body(new ListingRequests.Accepted(id, outcome.version(), outcome.status(), token));
    }

    private ListingChanges changes(byte[] body) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "Malformed request",
                        "The request body must be a JSON object.");
            }
            ListingForm form = json.readValue(body, ListingForm.class);
            Set<String> given = new LinkedHashSet<>(tree.propertyNames());
            return new ListingChanges(form.toDetails(), given);
        } catch (JacksonException e) {
            throw new JsonBodyAdvice.UnreadableBody(e);
        }
    }

    private static String requiredReason(ListingRequests.Reason body) {
        String reason = body == null || body.reason() == null ? null : body.reason().strip();
        List<FieldViolation> violations = new ArrayList<>();
        if (reason == null || reason.isEmpty()) {
            violations.add(new FieldViolation("reason", "is required"));
        }
        violations.addAll(reasonViolations(reason));
        requireNoViolations(violations);
        return reason;
    }

    private static List<FieldViolation> reasonViolations(String reason) {
        return reason != null && reason.length() > MAX_REASON
                ? List.of(new FieldViolation("reason", "must have at most " + MAX_REASON + " characters"))
                : List.of();
    }

    private static void requireNoViolations(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw ListingCommands.invalid(new InvalidListing(violations));
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(INDIA));
    }

    private Instant expiresAt() {
        return clock.instant().plus(properties.expiryPeriod()).truncatedTo(ChronoUnit.MILLIS);
    }
}
