package io.msmeatlas.schemas.buyer;

/** Confidential: how a seller reaches the buyer once the seller has accepted the buyer's interest. */
public record BuyerContact(String name, String email, String phone) {
}
