package io.msmeatlas.valuation.worker;

import io.msmeatlas.schemas.listing.ListingDrafted;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.util.Set;

/**
 * Which listing events call for a valuation: a draft, and an update that changed anything the
 * valuation reads (sector, location, size, financials, assets, debt, currency). An update that
 * changed only the title or the asking price does not, unless the listing was never valued.
 */
final class ValuationTriggers {

    static final Set<String> VALUED_FIELDS = Set.of("sector", "state", "city", "yearEstablished", "employees",
            "plantAndMachineryInvestment", "financials", "assets", "debt", "currency");

    private ValuationTriggers() {
    }

    static boolean calls(ListingEventRecord record, boolean everValued) {
        if (record.event() instanceof ListingDrafted) {
            return true;
        }
        if (record.event() instanceof ListingUpdated updated) {
            return !everValued || updated.changedFields().stream().anyMatch(VALUED_FIELDS::contains);
        }
        return false;
    }
}
