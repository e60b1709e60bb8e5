package io.msmeatlas.listings.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msmeatlas.listings.listing.UdyamClassifier.Criterion;
import io.msmeatlas.listings.listing.UdyamClassifier.NotAnMsme;
import io.msmeatlas.schemas.listing.UdyamClassification;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UdyamClassifierTest {

    private static final LocalDate UNDER_2020_RULES = LocalDate.of(2025, 3, 31);
    private static final LocalDate UNDER_2025_RULES = LocalDate.of(2025, 4, 1);

    private static LocalDate day(String rules) {
        return rules.equals("2020") ? UNDER_2020_RULES : UNDER_2025_RULES;
    }

    /** Amounts in rupees: 1 crore = 10,000,000. Limits are "not exceeding": the limit itself is in the lower category. */
    @ParameterizedTest(name = "{0} rules: investment {1}, turnover {2} -> {3}")
    @CsvSource({
        "2020, 0,           0,            MICRO",
        "2020, 10000000,    50000000,     MICRO",
        "2020, 10000000.01, 50000000,     SMALL",
        "2020, 10000000,    50000000.01,  SMALL",
        "2020, 100000000,   500000000,    SMALL",
        "2020, 100000000.01, 0,           MEDIUM",
        "2020, 0,           500000000.01, MEDIUM",
        "2020, 500000000,   2500000000,   MEDIUM",
        "2025, 25000000,    100000000,    MICRO",
        "2025, 25000000.01, 100000000,    SMALL",
        "2025, 25000000,    100000000.01, SMALL",
        "2025, 250000000,   1000000000,   SMALL",
        "2025, 250000000.01, 0,           MEDIUM",
        "2025, 0,           1000000000.01, MEDIUM",
        "2025, 1250000000,  5000000000,   MEDIUM",
        // Composite: the higher of the two categories.
        "2025, 300000000,   50000000,     MEDIUM",
        "2025, 1000000,     1200000000,   MEDIUM",
    })
    void classifies_by_the_higher_of_investment_and_turnover(String rules, String investment, String turnover,
            Category expected) {
        UdyamClassification classification = UdyamClassifier.classify(new BigDecimal(investment),
                new BigDecimal(turnover), day(rules));

        assertThat(classification.category()).isEqualTo(expected);
        assertThat(classification.ruleVersion()).isEqualTo(rules);
        assertThat(classification.investment()).isEqualByComparingTo(investment);
        assertThat(classification.turnover()).isEqualByComparingTo(turnover);
    }

    @Test
    void the_same_enterprise_is_small_under_the_2020_rules_and_micro_under_the_2025_rules() {
        BigDecimal investment = new BigDecimal("15000000");
        BigDecimal turnover = new BigDecimal("40000000");

        assertThat(UdyamClassifier.classify(investment, turnover, UNDER_2020_RULES))
                .isEqualTo(new UdyamClassification(Category.SMALL, "2020", investment, turnover));
        assertThat(UdyamClassifier.classify(investment, turnover, UNDER_2025_RULES))
                .isEqualTo(new UdyamClassification(Category.MICRO, "2025", investment, turnover));
    }

    @ParameterizedTest(name = "{0} rules: investment {1}, turnover {2} is not an MSME")
    @CsvSource({
        "2020, 500000000.01, 0,             INVESTMENT",
        "2020, 0,            2500000000.01, TURNOVER",
        "2025, 1250000000.01, 0,            INVESTMENT",
        "2025, 0,            5000000000.01, TURNOVER",
    })
    void beyond_either_medium_limit_is_not_an_msme(String rules, String investment, String turnover,
            Criterion exceeded) {
        assertThatThrownBy(() -> UdyamClassifier.classify(new BigDecimal(investment), new BigDecimal(turnover),
                day(rules)))
                .isInstanceOfSatisfying(NotAnMsme.class, e -> assertThat(e.exceeded()).containsExactly(exceeded));
    }

    @Test
    void beyond_both_medium_limits_names_both() {
        assertThatThrownBy(() -> UdyamClassifier.classify(new BigDecimal("2000000000"), new BigDecimal("9000000000"),
                UNDER_2025_RULES))
                .isInstanceOfSatisfying(NotAnMsme.class, e -> assertThat(e.exceeded())
                        .isEqualTo(Set.of(Criterion.INVESTMENT, Criterion.TURNOVER)));
    }
}
