package io.msmeatlas.projections.listing;

import java.util.List;

/** One page of listings in id order; {@code nextCursor} is null on the last page. */
public record ListingPage(List<ListingView> items, String nextCursor) {

    public ListingPage {
        items = List.copyOf(items);
    }
}
