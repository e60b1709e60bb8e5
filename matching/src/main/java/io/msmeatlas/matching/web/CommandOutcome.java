package io.msmeatlas.matching.web;

/**
 * What a command leaves: the aggregate's version (its number of events), its status, and whether the
 * command stored anything (a repeated transition does not). {@code interest} is a match's deal step
 * (null for a buyer profile).
 */
public record CommandOutcome(long version, String status, String interest, boolean changed) {
}
