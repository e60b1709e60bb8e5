package io.msmeatlas.matching.profile;

import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.util.List;

/** A buyer profile as a client sends it, to create one or to replace one whole (PUT). */
record ProfileForm(String name, Criteria criteria, Contact contact) {

    record Criteria(List<String> sectors, List<String> states, List<String> cities, BigDecimal budgetMin,
            BigDecimal budgetMax, BigDecimal revenueMin, BigDecimal revenueMax, BigDecimal ebitdaMin,
            BigDecimal ebitdaMax, List<Category> classifications, List<DealType> dealTypes, BuyerType buyerType) {
    }

    record Contact(String name, String email, String phone) {
    }
}
