package io.msmeatlas.schemas.match;

/**
 * Every event of the Match aggregate: one buyer profile and one listing, from the matching worker's
 * proposal through the deal flow (interest, the seller's answer, contacts revealed). Published on
 * {@code msme.match.events} with key = match id, a name-based UUID of (profile id, listing id), so one
 * match's events are in order on one partition. Sealed so that subscribers' switches stay exhaustive.
 */
public sealed interface MatchEvent
        permits MatchProposed, MatchRescored, MatchRetracted, InterestExpressed, InterestAccepted, InterestDeclined,
        ContactsRevealed {

    String matchId();
}
