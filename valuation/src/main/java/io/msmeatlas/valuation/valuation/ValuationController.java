package io.msmeatlas.valuation.valuation;

import io.msmeatlas.valuation.listing.KnownListing;
import io.msmeatlas.valuation.listing.KnownListings;
import io.msmeatlas.valuation.Violations;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import io.msmeatlas.web.RequestIdFilter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A listing's valuations. The listing's seller and administrators see everything: every valuation
 * with its reasons, failures and overrides. Any other signed-in user sees only the latest range of a
 * listing buyers can see (published, under offer, sold), and a 404 otherwise, as if it did not
 * exist; its history is a 403. Administrators may override the latest valuation.
 */
@RestController
@RequestMapping("/api/valuation/listings")
class ValuationController {

    static final String ADMIN = "ADMIN";
    static final int MAX_NOTE = 1000;

    private final ValuationHistory history;
    private final KnownListings listings;
    private final CommandGateway commands;

    ValuationController(ValuationHistory history, KnownListings listings, CommandGateway commands) {
        this.history = history;
        this.listings = listings;
        this.commands = commands;
    }

    @GetMapping("/{id}")
    @ApiResponse(responseCode = "200", description = "The latest valuation: in full for the listing's seller and "
            + "administrators, its range only for others while the listing is on the market",
            content = @Content(schema = @Schema(oneOf = {ValuationEntry.class, PublicValuation.class})))
    Object latest(Caller caller, @PathVariable String id) {
        KnownListing listing = listings.find(id).orElseThrow(() -> notFound(id));
        List<ValuationEntry> entries = history.of(id);
        if (entries.isEmpty()) {
            throw notFound(id);
        }
        ValuationEntry latest = entries.get(entries.size() - 1);
        if (seesEverything(caller, listing)) {
            return latest;
        }
        if (!listing.visibleToBuyers() || !latest.hasRange()) {
            throw notFound(id);
        }
        return PublicValuation.of(latest);
    }

    @GetMapping("/{id}/history")
    List<ValuationEntry> history(Caller caller, @PathVariable String id) {
        KnownListing listing = listings.find(id).orElseThrow(() -> notFound(id));
        if (!seesEverything(caller, listing)) {
            if (!listing.visibleToBuyers()) {
                throw notFound(id);
            }
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                    "Only the listing's seller and administrators see its valuation history.");
        }
        List<ValuationEntry> entries = history.of(id);
        if (entries.isEmpty()) {
            throw notFound(id);
        }
        return entries;
    }

    @PostMapping(path = "/{id}/override", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "The listing's valuation as overridden",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The listing was valued at the same moment; read it and retry.")
    ValuationEntry override(Caller caller, @PathVariable String id, @RequestBody OverrideRequest body) {
        caller.requireAnyRole(ADMIN);
        Violations violations = new Violations();
        violations.amount("value", body.value(), true);
        if (body.value() != null && body.value().signum() <= 0) {
            violations.add("value", "must be more than zero");
        }
        String note = body.note() == null ? "" : body.note().strip();
        if (note.isEmpty()) {
            violations.add("note", "is required");
        } else if (note.length() > MAX_NOTE) {
            violations.add("note", "must have at most " + MAX_NOTE + " characters");
        }
        violations.throwIfAny();
        send(new OverrideValuation(id, body.value(), note, caller.userId()), id, caller);
        List<ValuationEntry> entries = history.of(id);
        return entries.get(entries.size() - 1);
    }

    private void send(Object command, String id, Caller caller) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("userId", caller.userId());
        String requestId = RequestIdFilter.current();
        if (requestId != null) {
            metaData.put("requestId", requestId);
        }
        try {
            commands.sendAndWait(command, MetaData.from(metaData));
        } catch (AggregateNotFoundException e) {
            throw notFound(id);
        } catch (ConcurrencyException e) {
            throw new ProblemException(HttpStatus.CONFLICT, "Concurrent modification",
                    "The listing was valued at the same moment. Look at its latest valuation and retry.");
        }
    }

    private static boolean seesEverything(Caller caller, KnownListing listing) {
        return caller.hasRole(ADMIN) || listing.soldBy(caller.userId());
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Valuation not found", "No valuation for listing " + id + ".");
    }
}
