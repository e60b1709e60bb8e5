package io.msmeatlas.matching.deal;

import io.msmeatlas.matching.web.Accepted;
import io.msmeatlas.matching.web.CommandOutcome;
import io.msmeatlas.matching.web.Commands;
import io.msmeatlas.matching.web.FieldViolation;
import io.msmeatlas.matching.web.IfMatch;
import io.msmeatlas.matching.web.InvalidRequest;
import io.msmeatlas.matching.web.Unavailable;
import io.msmeatlas.matching.worker.BuyerIndex;
import io.msmeatlas.matching.worker.ListingIndex;
import io.msmeatlas.matching.worker.ListingRow;
import io.msmeatlas.matching.worker.MatchDirectory;
import io.msmeatlas.matching.worker.ProfileRow;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.match.PartyContact;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deal flow on a match: the buyer expresses interest, the listing's seller accepts (revealing the
 * confidential details to that buyer, and the buyer's contact to the seller) or declines. The
 * aggregate checks that the caller is the match's buyer or seller. Reads are in the projections service.
 */
@RestController
@RequestMapping("/api/matchmaking/matches")
class DealController {

    static final String BUYER = "BUYER";
    static final String SELLER = "SELLER";
    private static final String MATCH = "Match";
    private static final int MAX_MESSAGE = 1000;
    private static final int MAX_REASON = 500;

    private final Commands commands;
    private final MatchDirectory directory;
    private final ListingIndex listings;
    private final BuyerIndex buyers;

    DealController(Commands commands, MatchDirectory directory, ListingIndex listings, BuyerIndex buyers) {
        this.commands = commands;
        this.directory = directory;
        this.listings = listings;
        this.buyers = buyers;
    }

    /** A note to the seller, optional. */
    record Interest(String message) {
    }

    /** Why the seller declines, optional; the buyer sees it. */
    record Decline(String reason) {
    }

    @PostMapping("/{id}/interest")
    ResponseEntity<Accepted> expressInterest(Caller caller, @PathVariable String id,
            @RequestBody(required = false) Interest body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(BUYER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        String message = optionalText(body == null ? null : body.message(), "message", MAX_MESSAGE);
        return send(id, expected, new ExpressInterest(id, caller.userId(), message, expected), caller);
    }

    @PostMapping("/{id}/accept")
    ResponseEntity<Accepted> accept(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        MatchDirectory.Entry match = directory.find(id).orElseThrow(() -> ProblemException.notFound(MATCH, id));
        ListingRow listing = listings.find(match.listingId()).orElseThrow(DealController::notReady);
        ProfileRow profile = buyers.find(match.profileId()).orElseThrow(DealController::notReady);
        ListingDetails details = listing.details();
        ListingDetails.Contact seller = details.contact();
        BuyerContact buyer = profile.contact();
        return send(id, expected, new AcceptInterest(id, caller.userId(), details.legalName(),
                seller == null ? null : new PartyContact(seller.name(), seller.email(), seller.phone()),
                new PartyContact(buyer.name(), buyer.email(), buyer.phone()), expected), caller);
    }

    @PostMapping("/{id}/decline")
    ResponseEntity<Accepted> decline(Caller caller, @PathVariable String id,
            @RequestBody(required = false) Decline body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(SELLER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        String reason = optionalText(body == null ? null : body.reason(), "reason", MAX_REASON);
        return send(id, expected, new DeclineInterest(id, caller.userId(), reason, expected), caller);
    }

    private ResponseEntity<Accepted> send(String id, Long expected, Object command, Caller caller) {
        CommandOutcome outcome = commands.send(MATCH, id, expected, command, caller.userId());
        return commands.answer(ResponseEntity.ok(), id, outcome);
    }

    private static String optionalText(String value, String field, int max) {
        String stripped = value == null ? null : value.strip();
        if (stripped != null && stripped.length() > max) {
            throw new InvalidRequest(List.of(new FieldViolation(field, "must have at most " + max + " characters")));
        }
        return stripped == null || stripped.isEmpty() ? null : stripped;
    }

    /** The match exists but the worker has not recorded its listing or profile yet: a moment's lag. */
    private static Unavailable notReady() {
        return new Unavailable("The match's details are still being recorded. Nothing was changed; retry shortly.");
    }
}
