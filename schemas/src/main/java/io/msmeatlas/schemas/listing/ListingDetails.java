package io.msmeatlas.schemas.listing;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a seller says about the business (schema v2). Money is exact: {@link BigDecimal}, written to
 * JSON as a decimal string in the currency's major unit (e.g. "2500000.00" rupees).
 *
 * <p>{@code legalName} and {@code contact} are confidential: read models show them only to the
 * seller, administrators and a buyer the seller has granted access. Everything else is the public
 * teaser. {@code financials} holds up to three fiscal years, most recent first.
 *
 * <p>Fields a v1 event did not have are null after upcasting; see {@link ListingUpcasters}.
 */
public record ListingDetails(
        String title,
        String legalName,
        Contact contact,
        Sector sector,
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

    public ListingDetails {
        financials = financials == null ? List.of() : List.copyOf(financials);
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    /** The most recent fiscal year, if any. */
    public AnnualFinancials latestFinancials() {
        return financials.isEmpty() ? null : financials.get(0);
    }

    /** Confidential: who the business legally is and how to reach the seller. */
    public record Contact(String name, String email, String phone) {
    }

    /**
     * An NIC 2008 classification: {@code code} is a section letter ("C") or a two-digit division
     * ("25"), with its name and the section it belongs to. A v1 listing named its sector in free text:
     * upcast, it has only {@code name}.
     */
    public record Sector(String code, String name, String section, String sectionName) {
    }

    /**
     * One fiscal year. {@code fiscalYear} is the year it ends in (2025 = FY 2024-25, April to March).
     * {@code exports} is the part of revenue earned abroad: Udyam turnover excludes it.
     */
    public record AnnualFinancials(
            Integer fiscalYear,
            BigDecimal revenue,
            BigDecimal exports,
            BigDecimal ebitda,
            BigDecimal netProfit,
            BigDecimal sde) {
    }

    public enum LegalStructure {
        PROPRIETORSHIP, PARTNERSHIP, LLP, PRIVATE_LIMITED, PUBLIC_LIMITED, ONE_PERSON_COMPANY, COOPERATIVE,
        HUF, OTHER
    }

    public enum DealType {
        FULL_SALE, MAJORITY_STAKE, MINORITY_STAKE, ASSET_SALE
    }
}
