package io.msmeatlas.valuation.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RupeesTest {

    @Test
    void amounts_read_as_indians_write_them() {
        assertThat(Rupees.format(new BigDecimal("45000"))).isEqualTo("₹45,000");
        assertThat(Rupees.format(new BigDecimal("9500000.00"))).isEqualTo("₹95 lakh");
        assertThat(Rupees.format(new BigDecimal("950000"))).isEqualTo("₹9.5 lakh");
        assertThat(Rupees.format(new BigDecimal("84000000"))).isEqualTo("₹8.4 crore");
        assertThat(Rupees.format(new BigDecimal("12345000000"))).isEqualTo("₹1234.5 crore");
        assertThat(Rupees.format(new BigDecimal("-1200000"))).isEqualTo("−₹12 lakh");
    }
}
