package io.msmeatlas.valuation.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.valuation.ListingSamples;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputsReaderTest {

    private final InputsReader reader = new InputsReader(CodeTables.current());
    private static final ListingDetails D = ListingSamples.DETAILS;

    private static ListingDetails with(Sector sector, String state, String currency, List<AnnualFinancials> years) {
        return new ListingDetails(D.title(), D.legalName(), D.contact(), sector, state, D.city(), D.yearEstablished(),
                D.employees(), D.legalStructure(), D.plantAndMachineryInvestment(), years, D.assets(), D.debt(),
                D.askingPrice(), currency, D.dealType(), D.reasonForSale(), D.highlights(), D.description());
    }

    private String code(ListingDetails details) {
        return ((Unusable) reader.read(details, null)).code();
    }

    @Test
    void details_without_what_a_valuation_needs_are_unusable_with_a_reason() {
        assertThat(code(with(new Sector(null, "Bakery", null, null), "Kerala", "INR", D.financials())))
                .isEqualTo(Unusable.UNKNOWN_SECTOR);
        assertThat(code(with(D.sector(), "Atlantis", "INR", D.financials()))).isEqualTo(Unusable.UNKNOWN_STATE);
        assertThat(code(with(D.sector(), D.state(), "USD", D.financials()))).isEqualTo(Unusable.NOT_INR);
        assertThat(code(with(D.sector(), D.state(), "INR", List.of()))).isEqualTo(Unusable.NO_FINANCIALS);
        assertThat(code(ListingSamples.withoutEarnings())).isEqualTo(Unusable.NO_EARNINGS);
        assertThat(code(with(D.sector(), D.state(), "INR", List.of(new AnnualFinancials(2025, BigDecimal.ZERO, null,
                new BigDecimal("-5"), null, null))))).isEqualTo(Unusable.NO_REVENUE);
    }

    @Test
    void the_latest_year_is_valued_whatever_the_order_and_growth_is_compound_over_the_years_given() {
        List<AnnualFinancials> oldestFirst = List.of(
                new AnnualFinancials(2023, new BigDecimal("64000000"), null, null, null, null),
                new AnnualFinancials(2025, new BigDecimal("81000000"), null, null, null, new BigDecimal("12000000")));
        ValuationInputs in = (ValuationInputs) reader.read(with(D.sector(), D.state(), "INR", oldestFirst), null);

        assertThat(in.revenue()).isEqualByComparingTo("81000000");
        assertThat(in.earnings()).isEqualByComparingTo("12000000");
        assertThat(in.earningsKind()).isEqualTo(EarningsKind.SDE);
        assertThat(in.revenueGrowth()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(in.yearsInOperation()).isEqualTo(16);
    }

    @Test
    void without_the_listings_classification_the_udyam_category_follows_the_2025_rule() {
        ValuationInputs in = (ValuationInputs) reader.read(D, null);
        // Investment ₹3.2 crore > ₹2.5 crore: small, whatever the turnover.
        assertThat(in.udyamCategory()).isEqualTo(Category.SMALL);
    }

    @Test
    void the_inputs_hash_ignores_what_the_valuation_does_not_use_and_how_amounts_are_written() {
        ListingDetails retitled = new ListingDetails("Another title", D.legalName(), D.contact(), D.sector(), D.state(),
                D.city(), D.yearEstablished(), D.employees(), D.legalStructure(), D.plantAndMachineryInvestment(),
                D.financials(), new BigDecimal("55000000.00"), D.debt(), new BigDecimal("1"), D.currency(), D.dealType(),
                null, List.of(), null);
        String hash = ((ValuationInputs) reader.read(D, null)).inputsHash();

        assertThat(((ValuationInputs) reader.read(retitled, null)).inputsHash()).isEqualTo(hash);
        assertThat(((ValuationInputs) reader.read(ListingSamples.withEbitda("9500001"), null)).inputsHash())
                .isNotEqualTo(hash);
    }
}
