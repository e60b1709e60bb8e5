package io.msmeatlas.matching.deal;

import io.msmeatlas.schemas.match.PartyContact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The listing's seller grants the buyer access. The controller looks up what is revealed (the listing's
 * legal name and contact, the profile's contact) before sending it, so the aggregate does no I/O.
 */
record AcceptInterest(@TargetAggregateIdentifier String matchId, String requestedBy, String legalName,
        PartyContact sellerContact, PartyContact buyerContact, Long expectedVersion) {
}
