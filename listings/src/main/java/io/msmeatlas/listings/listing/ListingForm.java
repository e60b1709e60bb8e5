package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The listing as a seller writes it: the body of a draft, and of an update where every field is
 * optional. Money is a decimal in rupees, as a JSON string ("2500000.50") or number, read exactly
 * (never through a double). {@code sectorCode} is an NIC 2008 section letter or two-digit division;
 * {@code state} is matched to the official name in any letter case. {@code financials} are fiscal
 * years in any order ({@code fiscalYear} = the year it ends in).
 */
record ListingForm(
        String title,
        String legalName,
        Contact contact,
        String sectorCode,
        String state,
        String city,
        Integer yearEstablished,
        Integer employees,
        LegalStructure legalStructure,
        BigDecimal plantAndMachineryInvestment,
        List<AnnualFinancials> financials,
        BigDecimal assets,
        BigDecimal debt,
        BigDecimal askingPrice,
        String currency,
        DealType dealType,
        String reasonForSale,
        List<String> highlights,
        String description) {

    /** The top-level fields, as named in JSON. */
    static final List<String> FIELDS = List.of("title", "legalName", "contact", "sectorCode", "state", "city",
            "yearEstablished", "employees", "legalStructure", "plantAndMachineryInvestment", "financials", "assets",
            "debt", "askingPrice", "currency", "dealType", "reasonForSale", "highlights", "description");

    /**
     * The details as written, tidied (trimmed text, a resolved sector and the official state name,
     * amounts without exponent) but not validated: an unknown sector code or state stays as given,
     * for {@link ListingRules} to name.
     */
    ListingDetails toDetails() {
        return new ListingDetails(trim(title), trim(legalName), tidyContact(), resolvedSector(), officialState(), trim(city),
                yearEstablished, employees, legalStructure, amount(plantAndMachineryInvestment), tidyFinancials(),
                amount(assets), amount(debt), amount(askingPrice),
                currency == null ? null : currency.strip().toUpperCase(Locale.ROOT), dealType,
                optionalText(reasonForSale), tidyHighlights(),
                optionalText(description));
    }

    private Contact tidyContact() {
        return contact == null ? null : new Contact(trim(contact.name()), trim(contact.email()),
                optionalText(contact.phone()));
    }

    private Sector resolvedSector() {
        if (sectorCode == null) {
            return null;
        }
        return Nic2008.sector(sectorCode).orElseGet(() -> new Sector(sectorCode.strip(), null, null, null));
    }

    private String officialState() {
        return state == null ? null : IndianStates.canonical(state).orElse(state.strip());
    }

    private List<AnnualFinancials> tidyFinancials() {
        if (financials == null) {
            return null;
        }
        // A null entry becomes an empty year, which the rules then name by its index.
        return financials.stream().map(year -> year == null
                ? new AnnualFinancials(null, null, null, null, null, null)
                : new AnnualFinancials(year.fiscalYear(), amount(year.revenue()), amount(year.exports()),
                        amount(year.ebitda()), amount(year.netProfit()), amount(year.sde()))).toList();
    }

    private List<String> tidyHighlights() {
        return highlights == null ? null : highlights.stream().map(h -> h == null ? "" : h.strip()).toList();
    }

    /** 1E+3 is 1000: amounts are written without exponent, and JSON Schema reads them as decimals. */
    private static BigDecimal amount(BigDecimal value) {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    /** An optional text left blank is absent. */
    private static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
