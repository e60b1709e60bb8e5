package io.msmeatlas.projections.listing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a search reads the index: the one {@code <dimension>:<value>:<sortField>:} prefix it scans and
 * the key ranges within it, in scan order, starting after the cursor.
 *
 * <p>The dimension is the most selective equality filter of the search, in a fixed order of
 * preference (city, NIC division, a word of the text, seller, state, NIC section, classification,
 * deal type, status), else the listings buyers can find ({@code live}) or all. A range filter on the
 * sort field bounds the scan. Listings without a sort value are scanned after the rest, in both
 * directions.
 */
record IndexScan(ListingSort sort, String prefix, List<Range> ranges) {

    /** Keys {@code from} to {@code to}, both inclusive; {@code skip} (the cursor's key) is not returned. */
    record Range(String from, String to, String skip) {
    }

    static IndexScan of(ListingSearch search) {
        ListingSort sort = search.sort();
        String prefix = ListingIndex.prefix(dimension(search), sort.field());
        String presentFrom = prefix;
        String presentTo = prefix + SortValues.PRESENT_END;
        boolean bounded = false;
        BigDecimal min = null;
        BigDecimal max = null;
        if (sort.field().equals(ListingIndex.PRICE)) {
            min = search.minPrice();
            max = search.maxPrice();
        } else if (sort.field().equals(ListingIndex.REVENUE)) {
            min = search.minRevenue();
            max = search.maxRevenue();
        }
        if (min != null) {
            presentFrom = prefix + SortValues.decimal(min);
            bounded = true;
        }
        if (max != null) {
            // ';' follows ':', so every key with the maximum's value (then ':' and an id) is inside.
            presentTo = prefix + SortValues.decimal(max) + ";";
            bounded = true;
        }
        String nullFrom = prefix + SortValues.NULL;
        String nullTo = prefix + SortValues.NULL + ";";

        SortKey after = search.after();
        String cursorKey = after == null ? null : ListingIndex.key(prefix, after.value(), after.id());
        List<Range> ranges = new ArrayList<>();
        if (after == null || !after.isNullValue()) {
            ranges.add(resume(presentFrom, presentTo, cursorKey, sort.descending()));
        }
        if (!bounded) {
            ranges.add(after != null && after.isNullValue()
                    ? resume(nullFrom, nullTo, cursorKey, sort.descending())
                    : new Range(nullFrom, nullTo, null));
        }
        ranges.removeIf(range -> Utf8Order.compare(range.from(), range.to()) > 0);
        return new IndexScan(sort, prefix, List.copyOf(ranges));
    }

    /** The part of {@code [from, to]} after the cursor in scan order. */
    private static Range resume(String from, String to, String cursorKey, boolean descending) {
        if (cursorKey == null) {
            return new Range(from, to, null);
        }
        Comparator<String> order = Utf8Order::compare;
        return descending
                ? new Range(from, order.compare(cursorKey, to) < 0 ? cursorKey : to, cursorKey)
                : new Range(order.compare(cursorKey, from) > 0 ? cursorKey : from, to, cursorKey);
    }

    private static String dimension(ListingSearch search) {
        if (search.sort() == ListingSort.OLDEST_SUBMISSION) {
            return ListingIndex.dimension(ListingIndex.QUEUE);
        }
        if (search.city() != null) {
            return ListingIndex.dimension(ListingIndex.CITY, ListingIndex.lowerCase(search.city()));
        }
        if (search.division() != null) {
            return ListingIndex.dimension(ListingIndex.DIVISION, search.division());
        }
        if (!search.words().isEmpty()) {
            String longest = search.words().stream().max(Comparator.comparingInt(String::length)).orElseThrow();
            return ListingIndex.dimension(ListingIndex.WORD, ListingIndex.indexedWord(longest));
        }
        if (search.sellerId() != null) {
            return ListingIndex.dimension(ListingIndex.SELLER, search.sellerId());
        }
        if (search.state() != null) {
            return ListingIndex.dimension(ListingIndex.STATE, ListingIndex.lowerCase(search.state()));
        }
        if (search.section() != null) {
            return ListingIndex.dimension(ListingIndex.SECTION, search.section());
        }
        if (search.classification() != null) {
            return ListingIndex.dimension(ListingIndex.CLASSIFICATION, search.classification().name());
        }
        if (search.dealType() != null) {
            return ListingIndex.dimension(ListingIndex.DEAL_TYPE, search.dealType().name());
        }
        if (search.statuses() != null && search.statuses().size() == 1) {
            return ListingIndex.dimension(ListingIndex.STATUS, search.statuses().iterator().next().name());
        }
        if (search.statuses() != null && ListingStatus.LIVE.containsAll(search.statuses())) {
            return ListingIndex.dimension(ListingIndex.LIVE);
        }
        return ListingIndex.dimension(ListingIndex.ALL);
    }
}
