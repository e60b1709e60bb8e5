package io.msmeatlas.matching.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What every command answers: the aggregate, its version and status after the command, a match's deal
 * step, and the token a client hands the read side to see the command's effect (also in the
 * {@code X-Consistency-Token} header).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Accepted(String id, long version, String status, String interest, String consistencyToken) {
}
