package io.msmeatlas.matching.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.matching.deal.RetractMatch;
import io.msmeatlas.schemas.match.MatchRetracted;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Brings the Match aggregates in line with what the engine finds now: proposes what matches (a
 * changed proposal re-scores, an unchanged one is not sent), retracts what no longer does. Runs inside
 * the worker's transaction, so the directory, the matches' events and their outbox rows commit together
 * with the event that caused them, or not at all.
 */
class Reconciler {

    private final MatchingEngine engine;
    private final MatchDirectory directory;
    private final CommandGateway commands;
    private final Counter proposed;
    private final Counter retracted;
    private final DistributionSummary matchesPerEvaluation;

    Reconciler(MatchingEngine engine, MatchDirectory directory, CommandGateway commands, MeterRegistry meters) {
        this.engine = engine;
        this.directory = directory;
        this.commands = commands;
        this.proposed = Counter.builder("matching.proposals").description("Matches proposed or re-scored")
                .register(meters);
        this.retracted = Counter.builder("matching.retractions").description("Matches retracted").register(meters);
        this.matchesPerEvaluation = DistributionSummary.builder("matching.evaluation.matches")
                .description("Matches found per evaluated listing or profile").register(meters);
    }

    void listingChanged(ListingRow listing, MetaData cause) {
        List<Proposal> wanted = engine.forListing(listing.facts());
        reconcile(wanted, directory.proposedForListing(listing.listingId()), cause);
    }

    void profileChanged(ProfileRow profile, MetaData cause) {
        List<Proposal> wanted = engine.forProfile(profile.candidate());
        reconcile(wanted, directory.proposedForProfile(profile.profileId()), cause);
    }

    void listingClosed(String listingId, MetaData cause) {
        retractAll(directory.proposedForListing(listingId), MatchRetracted.Reason.LISTING_CLOSED, cause);
    }

    void profilePaused(String profileId, MetaData cause) {
        retractAll(directory.proposedForProfile(profileId), MatchRetracted.Reason.PROFILE_PAUSED, cause);
    }

    private void reconcile(List<Proposal> wanted, Map<String, String> standing, MetaData cause) {
        matchesPerEvaluation.record(wanted.size());
        for (Proposal proposal : wanted) {
            String fingerprint = proposal.fingerprint();
            String previous = standing.remove(proposal.matchId());
            if (!fingerprint.equals(previous)) {
                commands.sendAndWait(proposal.command(), cause);
                directory.proposed(proposal.matchId(), proposal.profile().profileId(), proposal.listing().listingId(),
                        fingerprint);
                proposed.increment();
            }
        }
        retractAll(standing, MatchRetracted.Reason.NO_LONGER_MATCHES, cause);
    }

    private void retractAll(Map<String, String> standing, MatchRetracted.Reason reason, MetaData cause) {
        for (String matchId : new TreeSet<>(standing.keySet())) {
            commands.sendAndWait(new RetractMatch(matchId, reason), cause);
            directory.retracted(matchId);
            retracted.increment();
        }
    }
}
