package io.msmeatlas.listings.listing;

import static io.msmeatlas.listings.listing.ListingSamples.DETAILS;
import static io.msmeatlas.listings.listing.ListingSamples.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.ListingDetails.AnnualFinancials;
import io.msmeatlas.schemas.listing.ListingDetails.Contact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingRulesTest {

    private static ListingDetails with(ListingDetails values, String... fields) {
        return new ListingChanges(values, Set.of(fields)).applyTo(DETAILS);
    }

    private static ListingDetails withFinancials(AnnualFinancials... years) {
        return with(new ListingDetails(null, null, null, null, null, null, null, null, null, null, List.of(years),
                null, null, null, null, null, null, null, null), "financials");
    }

    private static AnnualFinancials year(Integer fiscalYear, String revenue, String exports) {
        return new AnnualFinancials(fiscalYear, revenue == null ? null : new BigDecimal(revenue),
                exports == null ? null : new BigDecimal(exports), null, null, null);
    }

    @Test
    void the_sample_listing_is_valid() {
        assertThat(ListingRules.violations(DETAILS, TODAY)).isEmpty();
    }

    @Test
    void every_required_field_is_named_when_missing() {
        ListingDetails empty = new ListingDetails(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);

        assertThat(ListingRules.violations(empty, TODAY)).extracting(FieldViolation::field).containsExactly(
                "title", "legalName", "contact", "sectorCode", "state", "city", "plantAndMachineryInvestment",
                "financials", "askingPrice", "currency", "dealType");
    }

    @Test
    void nested_fields_are_named_by_their_json_path() {
        ListingDetails bad = with(new ListingDetails(null, null, new Contact(" ", "anil@", "12"), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null), "contact");

        assertThat(ListingRules.violations(bad, TODAY)).containsExactly(
                new FieldViolation("contact.name", "is required"),
                new FieldViolation("contact.email", "must be an email address"),
                new FieldViolation("contact.phone",
                        "must be 7 to 20 digits, spaces, brackets or dashes, optionally after +"));
    }

    @Test
    void a_fiscal_years_exports_cannot_exceed_its_revenue() {
        assertThat(ListingRules.violations(withFinancials(year(2025, "100", "50"), year(2024, "100", "100.01")), TODAY))
                .containsExactly(new FieldViolation("financials[1].exports", "must not exceed revenue"));
    }

    @Test
    void fiscal_years_must_be_distinct_and_not_after_the_current_one() {
        // 25 November 2026 is in FY 2026-27, which ends in 2027.
        assertThat(ListingRules.currentFiscalYear(TODAY)).isEqualTo(2027);
        assertThat(ListingRules.currentFiscalYear(LocalDate.of(2027, 3, 31))).isEqualTo(2027);
        assertThat(ListingRules.violations(withFinancials(year(2027, "1", null), year(2027, "1", null),
                year(2028, "1", null)), TODAY)).extracting(FieldViolation::field)
                .containsExactly("financials[1].fiscalYear", "financials[2].fiscalYear");
    }

    @Test
    void between_one_and_three_fiscal_years() {
        assertThat(ListingRules.violations(withFinancials(), TODAY))
                .containsExactly(new FieldViolation("financials", "must have 1 to 3 fiscal years"));
        assertThat(ListingRules.violations(withFinancials(year(2026, "1", null), year(2025, "1", null),
                year(2024, "1", null), year(2023, "1", null)), TODAY))
                .containsExactly(new FieldViolation("financials", "must have 1 to 3 fiscal years"));
    }

    @Test
    void money_has_at_most_fifteen_integer_digits_and_two_decimals() {
        ListingDetails tooPrecise = with(new ListingDetails(null, null, null, null, null, null, null, null, null,
                null, null, new BigDecimal("1.001"), new BigDecimal("1234567890123456"), new BigDecimal("0"), null,
                null, null, null, null), "assets", "debt", "askingPrice");

        assertThat(ListingRules.violations(tooPrecise, TODAY)).containsExactly(
                new FieldViolation("assets", "must have at most 15 integer digits and 2 decimals"),
                new FieldViolation("debt", "must have at most 15 integer digits and 2 decimals"),
                new FieldViolation("askingPrice", "must be more than zero"));
        assertThat(ListingRules.violations(with(new ListingDetails(null, null, null, null, null, null, null, null,
                null, null, null, null, null, new BigDecimal("999999999999999.99"), null, null, null, null, null),
                "askingPrice"), TODAY)).isEmpty();
    }

    @Test
    void only_rupees() {
        assertThat(ListingRules.violations(with(new ListingDetails(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, "USD", null, null, null, null), "currency"), TODAY))
                .extracting(FieldViolation::field).containsExactly("currency");
    }

    @Test
    void a_patch_is_checked_only_on_the_fields_it_sets() {
        ListingDetails patch = new ListingDetails(" ", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);

        assertThat(ListingRules.violations(patch, TODAY, Set.of("title")::contains))
                .containsExactly(new FieldViolation("title", "is required"));
    }

    @Test
    void turnover_beyond_the_medium_limit_names_the_latest_years_revenue_where_it_was_sent() {
        ListingDetails large = withFinancials(year(2024, "100", null), year(2026, "6000000000", "500000000"));

        assertThatThrownBy(() -> ListingRules.classify(large, TODAY))
                .isInstanceOfSatisfying(InvalidListing.class, e -> assertThat(e.violations()).containsExactly(
                        new FieldViolation("financials[1].revenue", ListingRules.NOT_AN_MSME)));
    }

    @Test
    void stored_financials_are_most_recent_first() {
        ListingDetails shuffled = withFinancials(year(2023, "1", null), year(2025, "1", null), year(2024, "1", null));

        assertThat(ListingRules.normalized(shuffled).financials()).extracting(AnnualFinancials::fiscalYear)
                .containsExactly(2025, 2024, 2023);
    }
}
