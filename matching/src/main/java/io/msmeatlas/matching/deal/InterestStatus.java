package io.msmeatlas.matching.deal;

/** The deal flow of a match: the buyer's interest and the seller's answer. ACCEPTED and DECLINED are final. */
enum InterestStatus {
    NONE, EXPRESSED, ACCEPTED, DECLINED
}
