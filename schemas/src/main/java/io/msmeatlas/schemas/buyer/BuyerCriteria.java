package io.msmeatlas.schemas.buyer;

import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a buyer is looking for. Empty lists and absent bounds mean "any". Money is exact, in rupees,
 * a decimal string in JSON.
 *
 * @param sectors NIC 2008 section letters ("C") or two-digit divisions ("25")
 * @param states Indian states and union territories by their official names
 * @param cities city names as sellers write them
 * @param budgetMin lowest asking price of interest (absent: no lower bound)
 * @param budgetMax highest asking price of interest; always present
 * @param revenueMin latest-year revenue bounds, either may be absent
 * @param ebitdaMin latest-year EBITDA bounds, either may be absent
 * @param classifications the Udyam categories wanted
 * @param dealTypes the kinds of deal wanted
 */
public record BuyerCriteria(
        List<String> sectors,
        List<String> states,
        List<String> cities,
        BigDecimal budgetMin,
        BigDecimal budgetMax,
        BigDecimal revenueMin,
        BigDecimal revenueMax,
        BigDecimal ebitdaMin,
        BigDecimal ebitdaMax,
        List<Category> classifications,
        List<DealType> dealTypes,
        BuyerType buyerType) {

    public BuyerCriteria {
        sectors = sectors == null ? List.of() : List.copyOf(sectors);
        states = states == null ? List.of() : List.copyOf(states);
        cities = cities == null ? List.of() : List.copyOf(cities);
        classifications = classifications == null ? List.of() : List.copyOf(classifications);
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
    }
}
