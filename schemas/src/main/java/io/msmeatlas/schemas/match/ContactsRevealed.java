package io.msmeatlas.schemas.match;

import io.msmeatlas.schemas.SchemaVersion;

/**
 * Confidential: what the two parties of an accepted match may now see of each other, as it was when the
 * seller accepted. The buyer sees the listing's {@code legalName} and {@code sellerContact}; the seller
 * sees {@code buyerContact}. Read models show it to those two (and administrators) only.
 */
@SchemaVersion(1)
public record ContactsRevealed(String matchId, String buyerId, String listingId, String sellerId, String legalName,
        PartyContact sellerContact, PartyContact buyerContact) implements MatchEvent {
}
