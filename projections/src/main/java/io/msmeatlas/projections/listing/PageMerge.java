package io.msmeatlas.projections.listing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges pages that answered the same search from disjoint sets of partitions (another instance's
 * partitions, say) into the page the search would have returned over all of them.
 */
public final class PageMerge {

    private PageMerge() {
    }

    /**
     * The first {@code limit} hits of all pages in their common order, with a cursor after the last
     * one when any page had more or more hits were left over. Each page must hold the first hits of
     * its partitions after the same cursor, at most {@code limit} of them (what
     * {@link ListingQuery#search} returns). A listing in two pages (a stale standby copy beside the
     * active one) is kept once, at its higher version.
     */
    public static ListingPage merge(ListingSort sort, Collection<ListingPage> pages, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, ListingPage.Hit> byId = new LinkedHashMap<>();
        boolean moreBeyond = false;
        for (ListingPage page : pages) {
            if (page.sort() != sort) {
                throw new IllegalArgumentException("Cannot merge a " + page.sort() + " page into " + sort);
            }
            moreBeyond |= page.nextCursor() != null;
            for (ListingPage.Hit hit : page.hits()) {
                byId.merge(hit.key().id(), hit,
                        (kept, other) -> other.view().version() > kept.view().version() ? other : kept);
            }
        }
        List<ListingPage.Hit> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(ListingPage.Hit::key));
        return ListingPage.cut(sort, sorted, limit, moreBeyond);
    }
}
