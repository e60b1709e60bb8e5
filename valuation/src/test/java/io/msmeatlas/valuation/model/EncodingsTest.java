package io.msmeatlas.valuation.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.valuation.ListingSamples;
import org.junit.jupiter.api.Test;

/**
 * Stable encodings: the same category gives the same number in every process and every build of
 * encodings v1. These values are part of the committed model; a change here needs a new encodings
 * version and a retrained model.
 */
class EncodingsTest {

    private final CodeTables tables = CodeTables.current();

    @Test
    void nic_codes_map_to_fixed_sections_and_groups() {
        assertThat(tables.sector("25")).get().extracting(CodeTables.Sector::section, CodeTables.Sector::group)
                .containsExactly("C", SectorGroup.MANUFACTURING);
        assertThat(tables.sector("46").orElseThrow().group()).isEqualTo(SectorGroup.WHOLESALE);
        assertThat(tables.sector("47").orElseThrow().group()).isEqualTo(SectorGroup.RETAIL);
        assertThat(tables.sector("56").orElseThrow().group()).isEqualTo(SectorGroup.FOOD);
        assertThat(tables.sector("62").orElseThrow().group()).isEqualTo(SectorGroup.ONLINE_TECH);
        assertThat(tables.sector(" j ").orElseThrow().group()).isEqualTo(SectorGroup.ONLINE_TECH);
        assertThat(tables.sector("49").orElseThrow().group()).isEqualTo(SectorGroup.TRANSPORT);
        assertThat(tables.sector("86").orElseThrow().group()).isEqualTo(SectorGroup.SERVICE);
        assertThat(tables.sector("00")).isEmpty();
        assertThat(tables.sector("V")).isEmpty();
    }

    @Test
    void location_tiers_come_from_the_city_then_the_state() {
        assertThat(tables.locationTier("Maharashtra", "Pune")).contains(1);
        assertThat(tables.locationTier("maharashtra", " bombay ")).contains(1);
        assertThat(tables.locationTier("Maharashtra", "Nagpur")).contains(2);
        assertThat(tables.locationTier("Telangana", "Hyderabad")).contains(1);
        assertThat(tables.locationTier("Karnataka", "Hyderabad")).contains(2);
        assertThat(tables.locationTier("Assam", "Guwahati")).contains(3);
        assertThat(tables.locationTier("Ladakh", null)).contains(3);
        assertThat(tables.locationTier("Atlantis", "Pune")).isEmpty();
        assertThat(tables.state("TAMIL   nadu")).contains("Tamil Nadu");
    }

    @Test
    void the_feature_columns_are_fixed() {
        assertThat(Features.NAMES).containsExactly("sector_manufacturing", "sector_food", "sector_retail",
                "sector_service", "sector_online_tech", "sector_wholesale", "sector_transport", "location_tier",
                "udyam_category", "revenue", "earnings", "earnings_margin", "revenue_growth", "years_in_operation",
                "employees", "assets", "debt");
        assertThat(Features.monotoneConstraints()).isEqualTo("(0,0,0,0,0,0,0,0,0,0,1,1,0,0,0,0,0)");
    }

    @Test
    void a_listing_always_becomes_the_same_row_and_hash() {
        ValuationInputs inputs = (ValuationInputs) new InputsReader(tables).read(ListingSamples.DETAILS,
                ListingSamples.CLASSIFICATION);

        float[] row = Features.row(inputs);
        assertThat(row).containsExactly(1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 8.4e7f, 9.5e6f, (float) (9.5 / 84),
                (float) (84.0 / 79 - 1), 16f, 42f, 5.5e7f, 1.2e7f);
        assertThat(inputs.inputsHash()).isEqualTo(GOLDEN_HASH);
    }

    /** The sample listing's inputs hash: recorded in events, so it must never drift. */
    static final String GOLDEN_HASH = "8cf8cb04f63cd68b768761ae7b3c701674dbde8c97eee8e5084af838c9bad3ed";
}
