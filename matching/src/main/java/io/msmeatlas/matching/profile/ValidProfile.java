package io.msmeatlas.matching.profile;

import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;

/** A profile that passed {@link ProfileRules}, tidied: canonical state names, upper-case NIC codes, no duplicates. */
record ValidProfile(String name, BuyerCriteria criteria, BuyerContact contact) {
}
