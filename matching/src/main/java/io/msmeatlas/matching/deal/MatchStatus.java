package io.msmeatlas.matching.deal;

/** Whether the worker currently stands by the match. */
enum MatchStatus {
    PROPOSED, RETRACTED
}
