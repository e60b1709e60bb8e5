package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Applies a partial update to listing details and names the fields that really changed. */
record DetailsChange(ListingDetails after, List<String> changedFields) {

    static DetailsChange of(ListingDetails before, ListingDetails changes) {
        List<String> changed = new ArrayList<>();
        ListingDetails after = new ListingDetails(
                pick("title", before, changes, ListingDetails::title, changed),
                pick("sector", before, changes, ListingDetails::sector, changed),
                pick("city", before, changes, ListingDetails::city, changed),
                pick("state", before, changes, ListingDetails::state, changed),
                pick("yearEstablished", before, changes, ListingDetails::yearEstablished, changed),
                pick("employees", before, changes, ListingDetails::employees, changed),
                pickAmount("annualRevenue", before, changes, ListingDetails::annualRevenue, changed),
                pickAmount("ebitda", before, changes, ListingDetails::ebitda, changed),
                pickAmount("askingPrice", before, changes, ListingDetails::askingPrice, changed),
                pick("currency", before, changes, ListingDetails::currency, changed),
                pick("description", before, changes, ListingDetails::description, changed));
        return new DetailsChange(after, List.copyOf(changed));
    }

    boolean isEmpty() {
        return changedFields.isEmpty();
    }

    private static <T> T pick(String field, ListingDetails before, ListingDetails changes,
            Function<ListingDetails, T> getter, List<String> changed) {
        T old = getter.apply(before);
        T proposed = getter.apply(changes);
        if (proposed == null || Objects.equals(old, proposed)) {
            return old;
        }
        changed.add(field);
        return proposed;
    }

    /** 100 and 100.00 are the same amount: compare money by value, keep the seller's scale. */
    private static BigDecimal pickAmount(String field, ListingDetails before, ListingDetails changes,
            Function<ListingDetails, BigDecimal> getter, List<String> changed) {
        BigDecimal old = getter.apply(before);
        BigDecimal proposed = getter.apply(changes);
        if (proposed == null || (old != null && old.compareTo(proposed) == 0)) {
            return old;
        }
        changed.add(field);
        return proposed;
    }
}
