package io.msmeatlas.valuation.model;

/** What a listing's details give the valuation: inputs it can value, or the reason it cannot. */
public sealed interface ReadResult permits ValuationInputs, Unusable {
}
