package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.ListingDetails.LegalStructure;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A valid CNC job shop, as details and as the JSON a seller sends. */
final class ListingSamples {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    static final Sector FABRICATED_METAL = new Sector("25",
            "Manufacture of fabricated metal products, except machinery and equipment", "C", "Manufacturing");

    /** As stored: financials most recent first. */
    static final ListingDetails DETAILS = new ListingDetails("Precision CNC job shop in Pune",
            "Shree Precision Components Pvt Ltd", new Contact("Anil Kulkarni", "anil@example.in", "+91 98000 00001"),
            FABRICATED_METAL, "Maharashtra", "Pune", 2009, 42, LegalStructure.PRIVATE_LIMITED,
            new BigDecimal("32000000.00"),
            List.of(new AnnualFinancials(2025, new BigDecimal("84000000.00"), new BigDecimal("4000000.00"),
                            new BigDecimal("9500000.5"), new BigDecimal("-2000000"), null),
                    new AnnualFinancials(2024, new BigDecimal("79000000.00"), null, new BigDecimal("6100000"), null,
                            null)),
            new BigDecimal("55000000"), new BigDecimal("12000000"), new BigDecimal("65000000.00"), "INR",
            DealType.FULL_SALE, "Founder retiring", List.of("Supplies two auto OEMs", "ISO 9001"),
            "Precision machining for auto OEMs.");

    /** Investment 3.2 crore (small under 2025 rules), turnover 8.4 - 0.4 = 8 crore (micro): SMALL. */
    static final UdyamClassification CLASSIFICATION = new UdyamClassification(Category.SMALL, "2025",
            new BigDecimal("32000000.00"), new BigDecimal("80000000.00"));

    private ListingSamples() {
    }

    static ListingDetails withAskingPrice(String price) {
        return new ListingChanges(new ListingDetails(null, null, null, null, null, null, null, null, null, null, null,
                null, null, new BigDecimal(price), null, null, null, null, null), Set.of("askingPrice"))
                .applyTo(DETAILS);
    }

    static ListingChanges askingPrice(String price) {
        return new ListingChanges(withAskingPrice(price), Set.of("askingPrice"));
    }

    static ListingChanges investment(String amount) {
        ListingDetails values = new ListingDetails(null, null, null, null, null, null, null, null, null,
                new BigDecimal(amount), null, null, null, null, null, null, null, null, null);
        return new ListingChanges(values, Set.of("plantAndMachineryInvestment"));
    }
}
