package io.msmeatlas.matching.worker;

import io.msmeatlas.matching.deal.MatchIds;
import io.msmeatlas.matching.deal.ProposeMatch;
import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.matching.scoring.MatchScorer;
import io.msmeatlas.schemas.EventJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A profile and a listing that match, with the score that says why. */
public record Proposal(BuyerCandidate profile, ListingFacts listing, MatchScorer.Score score) {

    public String matchId() {
        return MatchIds.of(profile.profileId(), listing.listingId());
    }

    ProposeMatch command() {
        return new ProposeMatch(matchId(), profile.profileId(), profile.buyerId(), profile.criteria().buyerType(),
                listing.listingId(), listing.sellerId(), score.value(), score.reasons(), score.factors(),
                listing.summary());
    }

    /** SHA-256 of what the proposal says (score, reasons, factors, teaser): equal fingerprints, nothing to send. */
    String fingerprint() {
        byte[] json = EventJson.write(List.of(score.value(), score.reasons(), score.factors(), listing.summary()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
