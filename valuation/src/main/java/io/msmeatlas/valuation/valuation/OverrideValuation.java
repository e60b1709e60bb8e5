package io.msmeatlas.valuation.valuation;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator sets the listing's value by hand, with a note. */
record OverrideValuation(@TargetAggregateIdentifier String listingId, BigDecimal value, String note, String adminId) {
}
