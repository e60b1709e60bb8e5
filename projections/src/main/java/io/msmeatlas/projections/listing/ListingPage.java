package io.msmeatlas.projections.listing;

import java.util.List;

/**
 * One page of listings in {@code sort} order, each with its position ({@link SortKey}) so that pages
 * from several partitions or instances can be merged ({@link PageMerge}). {@code nextCursor} is null
 * on the last page.
 */
public record ListingPage(ListingSort sort, List<Hit> hits, String nextCursor) {

    /** One listing and where it stands in the order. */
    public record Hit(SortKey key, ListingView view) {
    }

    public ListingPage {
        hits = List.copyOf(hits);
    }

    public List<ListingView> items() {
        return hits.stream().map(Hit::view).toList();
    }

    /**
     * The first {@code limit} of {@code sorted} hits; there is a next page when more hits were found,
     * or when the sources reported {@code moreBeyond} what they returned.
     */
    static ListingPage cut(ListingSort sort, List<Hit> sorted, int limit, boolean moreBeyond) {
        List<Hit> page = sorted.size() > limit ? sorted.subList(0, limit) : sorted;
        boolean more = sorted.size() > limit || moreBeyond && !page.isEmpty();
        return new ListingPage(sort, page, more ? ListingCursor.encode(page.get(page.size() - 1).key()) : null);
    }
}
