package io.msmeatlas.valuation.model;

/** Which earnings figure a valuation used: EBITDA when the listing gives it, else SDE. */
public enum EarningsKind {
    EBITDA, SDE
}
