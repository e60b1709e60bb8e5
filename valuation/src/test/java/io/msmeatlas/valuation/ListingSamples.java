package io.msmeatlas.valuation;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.UdyamClassification;
import java.math.BigDecimal;
import java.util.List;

/** The README's CNC job shop in Pune, as the listings service publishes it, and variations. */
public final class ListingSamples {

    public static final ListingDetails DETAILS = details(List.of(
            new AnnualFinancials(2025, new BigDecimal("84000000.00"), new BigDecimal("4000000.00"),
                    new BigDecimal("9500000.00"), null, null),
            new AnnualFinancials(2024, new BigDecimal("79000000.00"), null, new BigDecimal("8100000"), null, null)),
            "Pune", new BigDecimal("12000000"));

    public static final UdyamClassification CLASSIFICATION = new UdyamClassification(UdyamClassification.Category.SMALL,
            "2025", new BigDecimal("32000000.00"), new BigDecimal("80000000.00"));

    private ListingSamples() {
    }

    public static ListingDetails details(List<AnnualFinancials> financials, String city, BigDecimal debt) {
        return new ListingDetails("Precision CNC job shop in Pune", "Shree Precision Components Pvt Ltd",
                new Contact("Anil Kulkarni", "anil@example.in", "+91 98000 00001"),
                new Sector("25", "Manufacture of fabricated metal products, except machinery and equipment", "C",
                        "Manufacturing"),
                "Maharashtra", city, 2009, 42, LegalStructure.PRIVATE_LIMITED, new BigDecimal("32000000.00"), financials,
                new BigDecimal("55000000"), debt, new BigDecimal("65000000.00"), "INR", DealType.FULL_SALE,
                "Founder retiring", List.of("Supplies two auto OEMs"), "Precision machining for auto OEMs.");
    }

    /** The sample with the latest year's EBITDA replaced. */
    public static ListingDetails withEbitda(String ebitda) {
        return details(List.of(
                new AnnualFinancials(2025, new BigDecimal("84000000.00"), new BigDecimal("4000000.00"),
                        new BigDecimal(ebitda), null, null),
                new AnnualFinancials(2024, new BigDecimal("79000000.00"), null, new BigDecimal("8100000"), null, null)),
                "Pune", new BigDecimal("12000000"));
    }

    /** The sample whose latest year gives neither EBITDA nor SDE. */
    public static ListingDetails withoutEarnings() {
        return details(List.of(new AnnualFinancials(2025, new BigDecimal("84000000.00"), null, null, null, null)),
                "Pune", new BigDecimal("12000000"));
    }
}
