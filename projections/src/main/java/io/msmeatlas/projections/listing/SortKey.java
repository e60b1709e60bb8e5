package io.msmeatlas.projections.listing;

/**
 * Where a listing stands in an order: its encoded sort value ({@link SortValues}) and its id. Keys
 * of one order compare as the index scan returns them: by value then id, reversed for descending
 * orders, and listings without the value ({@link SortValues#NULL}) last in both directions.
 */
public record SortKey(ListingSort sort, String value, String id) implements Comparable<SortKey> {

    public SortKey {
        if (sort == null || value == null || id == null) {
            throw new IllegalArgumentException("A sort key needs a sort, a value and an id");
        }
    }

    public static SortKey of(ListingSort sort, ListingView view) {
        return new SortKey(sort, sort.sortValue(view), view.id());
    }

    boolean isNullValue() {
        return value.equals(SortValues.NULL);
    }

    @Override
    public int compareTo(SortKey other) {
        if (sort != other.sort) {
            throw new IllegalArgumentException("Sort keys of " + sort + " and " + other.sort + " do not compare");
        }
        if (isNullValue() != other.isNullValue()) {
            return isNullValue() ? 1 : -1;
        }
        int byValue = Utf8Order.compare(value, other.value);
        int order = byValue != 0 ? byValue : Utf8Order.compare(id, other.id);
        return sort.descending() ? -order : order;
    }
}
