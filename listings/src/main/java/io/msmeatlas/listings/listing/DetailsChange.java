package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Compares a listing's details before and after an update, field by field, and names the fields
 * (as in {@link ListingDetails}) whose value really changed. Money compares by value: 100 and 100.00
 * are the same amount, and an unchanged field keeps its old form.
 */
record DetailsChange(ListingDetails after, List<String> changedFields) {

    static DetailsChange between(ListingDetails before, ListingDetails proposed) {
        Comparison c = new Comparison(before, proposed);
        ListingDetails after = new ListingDetails(
                c.pick("title", ListingDetails::title, Objects::equals),
                c.pick("legalName", ListingDetails::legalName, Objects::equals),
                c.pick("contact", ListingDetails::contact, Objects::equals),
                c.pick("sector", ListingDetails::sector, Objects::equals),
                c.pick("state", ListingDetails::state, Objects::equals),
                c.pick("city", ListingDetails::city, Objects::equals),
                c.pick("yearEstablished", ListingDetails::yearEstablished, Objects::equals),
                c.pick("employees", ListingDetails::employees, Objects::equals),
                c.pick("legalStructure", ListingDetails::legalStructure, Objects::equals),
                c.pick("plantAndMachineryInvestment", ListingDetails::plantAndMachineryInvestment, DetailsChange::sameAmount),
                c.pick("financials", ListingDetails::financials, DetailsChange::sameFinancials),
                c.pick("assets", ListingDetails::assets, DetailsChange::sameAmount),
                c.pick("debt", ListingDetails::debt, DetailsChange::sameAmount),
                c.pick("askingPrice", ListingDetails::askingPrice, DetailsChange::sameAmount),
                c.pick("currency", ListingDetails::currency, Objects::equals),
                c.pick("dealType", ListingDetails::dealType, Objects::equals),
                c.pick("reasonForSale", ListingDetails::reasonForSale, Objects::equals),
                c.pick("highlights", ListingDetails::highlights, Objects::equals),
                c.pick("description", ListingDetails::description, Objects::equals));
        return new DetailsChange(after, List.copyOf(c.changed));
    }

    boolean isEmpty() {
        return changedFields.isEmpty();
    }

    private static final class Comparison {

        private final ListingDetails before;
        private final ListingDetails proposed;
        private final List<String> changed = new ArrayList<>();

        Comparison(ListingDetails before, ListingDetails proposed) {
            this.before = before;
            this.proposed = proposed;
        }

        <T> T pick(String field, Function<ListingDetails, T> getter, BiPredicate<T, T> same) {
            T old = getter.apply(before);
            T value = getter.apply(proposed);
            if (same.test(old, value)) {
                return old;
            }
            changed.add(field);
            return value;
        }
    }

    static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean sameFinancials(List<AnnualFinancials> a, List<AnnualFinancials> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            AnnualFinancials x = a.get(i);
            AnnualFinancials y = b.get(i);
            if (!Objects.equals(x.fiscalYear(), y.fiscalYear()) || !sameAmount(x.revenue(), y.revenue())
                    || !sameAmount(x.exports(), y.exports()) || !sameAmount(x.ebitda(), y.ebitda())
                    || !sameAmount(x.netProfit(), y.netProfit()) || !sameAmount(x.sde(), y.sde())) {
                return false;
            }
        }
        return true;
    }
}
