package io.msmeatlas.matching.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.matching.web.FieldViolation;
import io.msmeatlas.matching.web.InvalidRequest;
import io.msmeatlas.schemas.buyer.BuyerType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileRulesTest {

    private static final ProfileForm.Contact CONTACT = new ProfileForm.Contact(" Ravi Menon ", "ravi@example.in",
            "+91 98000 00002");

    private static ProfileForm.Criteria criteria(List<String> sectors, List<String> states, String budgetMin,
            String budgetMax) {
        return new ProfileForm.Criteria(sectors, states, List.of(" Pune  city "), money(budgetMin), money(budgetMax),
                null, null, null, null, null, null, BuyerType.FINANCIAL);
    }

    private static BigDecimal money(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static List<String> fields(Runnable validation) {
        try {
            validation.run();
        } catch (InvalidRequest e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
        throw new AssertionError("expected violations");
    }

    @Test
    void a_valid_profile_comes_back_tidied() {
        ValidProfile valid = ProfileRules.validate(new ProfileForm("West", criteria(List.of("c", "25", "C"),
                List.of("maharashtra", "Gujarat"), "20000000", "80000000.00"), CONTACT));

        assertThat(valid.criteria().sectors()).containsExactly("C", "25");
        assertThat(valid.criteria().states()).containsExactly("Maharashtra", "Gujarat");
        assertThat(valid.criteria().cities()).containsExactly("Pune city");
        assertThat(valid.criteria().budgetMax()).isEqualTo(new BigDecimal("80000000.00"));
        assertThat(valid.contact().name()).isEqualTo("Ravi Menon");
    }

    @Test
    void every_invalid_field_is_named_by_its_path() {
        assertThat(fields(() -> ProfileRules.validate(new ProfileForm(" ", criteria(List.of("25", "ZZ"),
                Arrays.asList("Atlantis", null), "90000000", "80000000.001"),
                new ProfileForm.Contact("Ravi", "not-an-email", "call me")))))
                .containsExactlyInAnyOrder("name", "criteria.sectors[1]", "criteria.states[0]", "criteria.states[1]",
                        "criteria.budgetMax", "contact.email", "contact.phone");
    }

    @Test
    void the_budget_needs_a_positive_maximum_not_below_the_minimum() {
        assertThat(fields(() -> ProfileRules.validate(new ProfileForm("x", criteria(null, null, null, null), CONTACT))))
                .containsExactly("criteria.budgetMax");
        assertThat(fields(() -> ProfileRules.validate(new ProfileForm("x", criteria(null, null, null, "0"), CONTACT))))
                .containsExactly("criteria.budgetMax");
        assertThat(fields(() -> ProfileRules.validate(new ProfileForm("x", criteria(null, null, "5", "4"), CONTACT))))
                .containsExactly("criteria.budgetMin");
        assertThat(fields(() -> ProfileRules.validate(new ProfileForm("x", criteria(null, null, "-1", "4"), CONTACT))))
                .containsExactly("criteria.budgetMin");
    }

    @Test
    void criteria_and_contact_are_required() {
        assertThatThrownBy(() -> ProfileRules.validate(new ProfileForm("x", null, null)))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("criteria", "contact"));
    }
}
