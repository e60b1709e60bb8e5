package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import java.util.Set;

/**
 * A JSON merge patch of a listing's details: {@code given} names the request fields the client sent
 * (as in {@link ListingForm#FIELDS}); {@code values} holds them, where null clears an optional field.
 * Objects and lists ({@code contact}, {@code financials}, {@code highlights}) are replaced whole.
 */
record ListingChanges(ListingDetails values, Set<String> given) {

    ListingChanges {
        given = Set.copyOf(given);
    }

    boolean isEmpty() {
        return given.isEmpty();
    }

    /** The details with these changes applied; not yet validated. */
    ListingDetails applyTo(ListingDetails d) {
        return new ListingDetails(
                given.contains("title") ? values.title() : d.title(),
                given.contains("legalName") ? values.legalName() : d.legalName(),
                given.contains("contact") ? values.contact() : d.contact(),
                given.contains("sectorCode") ? values.sector() : d.sector(),
                given.contains("state") ? values.state() : d.state(),
                given.contains("city") ? values.city() : d.city(),
                given.contains("yearEstablished") ? values.yearEstablished() : d.yearEstablished(),
                given.contains("employees") ? values.employees() : d.employees(),
                given.contains("legalStructure") ? values.legalStructure() : d.legalStructure(),
                given.contains("plantAndMachineryInvestment")
                        ? values.plantAndMachineryInvestment() : d.plantAndMachineryInvestment(),
                given.contains("financials") ? values.financials() : d.financials(),
                given.contains("assets") ? values.assets() : d.assets(),
                given.contains("debt") ? values.debt() : d.debt(),
                given.contains("askingPrice") ? values.askingPrice() : d.askingPrice(),
                given.contains("currency") ? values.currency() : d.currency(),
                given.contains("dealType") ? values.dealType() : d.dealType(),
                given.contains("reasonForSale") ? values.reasonForSale() : d.reasonForSale(),
                given.contains("highlights") ? values.highlights() : d.highlights(),
                given.contains("description") ? values.description() : d.description());
    }
}
