package io.msmeatlas.valuation.model;

/** What valuing one listing gives: an {@link Estimate}, or {@link Unusable} details. */
public sealed interface Outcome permits Estimate, Unusable {
}
