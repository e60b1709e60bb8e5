package io.msmeatlas.schemas.match;

import java.math.BigDecimal;

/**
 * One term of a match's score: {@code points} = {@code weight} × how well this factor fits (0 to 1), so a
 * match's factors add up to its score. {@code reason} says it in words, e.g. "within budget".
 *
 * @param name industry, budget, size, location, profitability, dealType or strategicFit
 */
public record MatchFactor(String name, BigDecimal weight, BigDecimal points, String reason) {
}
