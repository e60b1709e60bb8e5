package io.msmeatlas.projections.listing;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The orders listings can be read in. Each names the index sort field it scans, the direction and
 * how the sort value of a view is encoded ({@link SortValues}); ties are broken by listing id in the
 * same direction, and listings without the value come last either way.
 */
public enum ListingSort {
    /** Newest first: by publication time, or creation time for a listing never published. */
    NEWEST("newest", ListingIndex.LISTED_AT, true, view -> SortValues.instant(view.listedAt())),
    PRICE_ASC("price_asc", ListingIndex.PRICE, false, view -> SortValues.decimal(view.askingPrice())),
    PRICE_DESC("price_desc", ListingIndex.PRICE, true, view -> SortValues.decimal(view.askingPrice())),
    REVENUE_ASC("revenue_asc", ListingIndex.REVENUE, false, view -> SortValues.decimal(view.latestRevenue())),
    REVENUE_DESC("revenue_desc", ListingIndex.REVENUE, true, view -> SortValues.decimal(view.latestRevenue())),
    /** The moderation queue: oldest submission first. Not a search parameter. */
    OLDEST_SUBMISSION("submitted_asc", ListingIndex.SUBMITTED_AT, false,
            view -> SortValues.instant(view.submittedAt()));

    private final String parameter;
    private final String field;
    private final boolean descending;
    private final Function<ListingView, String> sortValue;

    ListingSort(String parameter, String field, boolean descending, Function<ListingView, String> sortValue) {
        this.parameter = parameter;
        this.field = field;
        this.descending = descending;
        this.sortValue = sortValue;
    }

    /** The {@code sort} query parameter's value for this order. */
    public String parameter() {
        return parameter;
    }

    /** The index sort field scanned for this order. */
    String field() {
        return field;
    }

    public boolean descending() {
        return descending;
    }

    /** The encoded sort value of a view in this order. */
    String sortValue(ListingView view) {
        return sortValue.apply(view);
    }

    boolean isValidSortValue(String encoded) {
        return field.equals(ListingIndex.LISTED_AT) || field.equals(ListingIndex.SUBMITTED_AT)
                ? SortValues.isInstant(encoded)
                : SortValues.isDecimal(encoded);
    }

    /** The search order a {@code sort} parameter names; the moderation queue's order is not one. */
    static Optional<ListingSort> ofParameter(String parameter) {
        return Arrays.stream(values())
                .filter(sort -> sort != OLDEST_SUBMISSION && sort.parameter.equals(parameter))
                .findFirst();
    }
}
