package io.msmeatlas.matching.profile;

import io.msmeatlas.matching.web.Accepted;
import io.msmeatlas.matching.web.CommandOutcome;
import io.msmeatlas.matching.web.Commands;
import io.msmeatlas.matching.web.IfMatch;
import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ProblemException;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The buyer-profile commands. Only buyers have profiles, and only their own (the aggregate checks
 * ownership). Reads are served by the projections service under the same prefix; the gateway routes
 * GETs there.
 */
@RestController
@RequestMapping("/api/matchmaking/profiles")
class ProfileController {

    static final String BUYER = "BUYER";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final String PROFILE = "Buyer profile";

    private final Commands commands;

    ProfileController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "Created, or the profile an earlier request with the same "
            + "Idempotency-Key created", useReturnTypeSchema = true)
    ResponseEntity<Accepted> create(Caller caller, @RequestBody ProfileForm form,
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey) {
        caller.requireAnyRole(BUYER);
        ValidProfile profile = ProfileRules.validate(form);
        String id = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : ProfileIds.forIdempotencyKey(caller.userId(), idempotencyKey.strip());
        CommandOutcome outcome = commands.create(new CreateBuyerProfile(id, caller.userId(), profile), caller.userId())
                ? new CommandOutcome(1, ProfileStatus.ACTIVE.name(), null, true)
                : replay(id);
        return commands.answer(ResponseEntity.created(URI.create("/api/matchmaking/profiles/" + id)), id, outcome);
    }

    /** Replaces the profile whole: name, criteria and contact. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> update(Caller caller, @PathVariable String id, @RequestBody ProfileForm form,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(BUYER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        ValidProfile profile = ProfileRules.validate(form);
        return send(id, expected, new UpdateBuyerProfile(id, profile, caller.userId(), expected), caller);
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<Accepted> pause(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(BUYER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new PauseBuyerProfile(id, caller.userId(), expected), caller);
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<Accepted> resume(Caller caller, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        caller.requireAnyRole(BUYER);
        Long expected = IfMatch.expectedVersion(ifMatch);
        return send(id, expected, new ResumeBuyerProfile(id, caller.userId(), expected), caller);
    }

    /** The same Idempotency-Key again: answered as the first time, with the profile as it is now. */
    private CommandOutcome replay(String id) {
        List<Object> events = commands.history(id);
        ProfileStatus status = ProfileStatus.ACTIVE;
        for (Object event : events) {
            if (event instanceof BuyerProfilePaused) {
                status = ProfileStatus.PAUSED;
            } else if (event instanceof BuyerProfileResumed) {
                status = ProfileStatus.ACTIVE;
            }
        }
        return new CommandOutcome(events.size(), status.name(), null, false);
    }

    private ResponseEntity<Accepted> send(String id, Long expected, Object command, Caller caller) {
        if (id.length() > 255) {
            throw new ProblemException(HttpStatus.NOT_FOUND, PROFILE + " not found", "No such profile.");
        }
        CommandOutcome outcome = commands.send(PROFILE, id, expected, command, caller.userId());
        return commands.answer(ResponseEntity.ok(), id, outcome);
    }
}
