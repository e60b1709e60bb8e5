package io.msmeatlas.matching.worker;

import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.matching.scoring.MatchScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the matches of one listing or one profile: candidates from the index, each scored. The
 * brute-force variant scores every active profile instead; the benchmark checks that both find the
 * same matches. Results are in match-id order, so the same inputs give the same list.
 */
public class MatchingEngine {

    private final BuyerIndex buyers;
    private final ListingIndex listings;
    private final MatchScorer scorer;

    public MatchingEngine(BuyerIndex buyers, ListingIndex listings, MatchScorer scorer) {
        this.buyers = buyers;
        this.listings = listings;
        this.scorer = scorer;
    }

    public List<Proposal> forListing(ListingFacts listing) {
        List<Proposal> found = new ArrayList<>();
        for (BuyerCandidate candidate : buyers.candidatesFor(listing)) {
            scorer.score(candidate.criteria(), listing).ifPresent(score -> found.add(new Proposal(candidate, listing,
                    score)));
        }
        return ordered(found);
    }

    /** The same as {@link #forListing} by reading and scoring every active profile: the baseline, never used by the worker. */
    public List<Proposal> forListingBruteForce(ListingFacts listing) {
        List<Proposal> found = new ArrayList<>();
        buyers.forEachActive(candidate -> scorer.score(candidate.criteria(), listing)
                .ifPresent(score -> found.add(new Proposal(candidate, listing, score))));
        return ordered(found);
    }

    public List<Proposal> forProfile(BuyerCandidate profile) {
        List<Proposal> found = new ArrayList<>();
        for (ListingFacts listing : listings.candidatesFor(profile.criteria())) {
            scorer.score(profile.criteria(), listing).ifPresent(score -> found.add(new Proposal(profile, listing,
                    score)));
        }
        return ordered(found);
    }

    /** In match-id order; each id (an MD5 name-based UUID) is derived once, not once per comparison. */
    public static List<Proposal> ordered(List<Proposal> proposals) {
        return proposals.stream().map(proposal -> Map.entry(proposal.matchId(), proposal))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }
}
