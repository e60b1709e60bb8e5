package io.msmeatlas.projections.listing;

import java.util.List;

/** A page as the HTTP API answers it: each listing as the caller may see it, and the cursor to the next page. */
record ListingPageResponse(List<ListingRepresentation> items, String nextCursor) {

    static ListingPageResponse of(ListingPage page, ListingAccess access) {
        return new ListingPageResponse(page.items().stream().map(access::represent).toList(), page.nextCursor());
    }
}
