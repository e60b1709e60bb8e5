package io.msmeatlas.listings.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

    @Test
    void nic_2008_has_21_sections_and_88_divisions() {
        assertThat(Nic2008.all().keySet().stream().filter(code -> code.matches("[A-U]"))).hasSize(21);
        assertThat(Nic2008.all().keySet().stream().filter(code -> code.matches("[0-9]{2}"))).hasSize(88);
    }

    @Test
    void a_division_resolves_with_its_section() {
        assertThat(Nic2008.sector("25")).contains(new Sector("25",
                "Manufacture of fabricated metal products, except machinery and equipment", "C", "Manufacturing"));
        assertThat(Nic2008.sector("62")).map(Sector::sectionName).contains("Information and communication");
    }

    @Test
    void a_section_letter_resolves_in_either_case() {
        assertThat(Nic2008.sector("c")).contains(new Sector("C", "Manufacturing", "C", "Manufacturing"));
    }

    @Test
    void codes_nic_2008_does_not_have_resolve_to_nothing() {
        assertThat(Nic2008.sector("04")).isEmpty();
        assertThat(Nic2008.sector("34")).isEmpty();
        assertThat(Nic2008.sector("V")).isEmpty();
        assertThat(Nic2008.sector("C25")).isEmpty();
    }

    @Test
    void india_has_28_states_and_8_union_territories_matched_in_any_case() {
        assertThat(IndianStates.all()).hasSize(36).contains("Ladakh", "Telangana", "Delhi");
        assertThat(IndianStates.canonical("  tamil   NADU ")).contains("Tamil Nadu");
        assertThat(IndianStates.canonical("MH")).isEmpty();
        assertThat(IndianStates.isCanonical("kerala")).isFalse();
        assertThat(IndianStates.isCanonical("Kerala")).isTrue();
    }
}
