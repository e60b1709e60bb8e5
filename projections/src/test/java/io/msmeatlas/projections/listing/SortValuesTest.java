package io.msmeatlas.projections.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortValuesTest {

    @Test
    void decimals_in_byte_order_are_in_numeric_order() {
        Random random = new Random(42);
        List<BigDecimal> values = new ArrayList<>(List.of(new BigDecimal("0"), new BigDecimal("0.00"),
                new BigDecimal("-0.01"), new BigDecimal("0.01"), new BigDecimal("9.99"), new BigDecimal("10"),
                new BigDecimal("10.00"), new BigDecimal("999999999999999.99"), new BigDecimal("-999999999999999.99"),
                new BigDecimal("1E+3"), new BigDecimal("-1250000.50"), new BigDecimal("-1250000.49")));
        for (int i = 0; i < 2000; i++) {
            long units = random.nextLong() % 100_000_000_000_000_00L;
            values.add(BigDecimal.valueOf(units, random.nextInt(4)));
        }

        List<BigDecimal> byEncoding = new ArrayList<>(values);
        byEncoding.sort(Comparator.comparing(SortValues::decimal, Utf8Order::compare));
        for (int i = 1; i < byEncoding.size(); i++) {
            assertThat(byEncoding.get(i - 1)).isLessThanOrEqualTo(byEncoding.get(i));
        }
    }

    @Test
    void equal_decimals_of_different_scales_encode_alike_and_every_encoding_has_one_width() {
        assertThat(SortValues.decimal(new BigDecimal("2500000"))).isEqualTo(SortValues.decimal(new BigDecimal("2500000.00")));
        assertThat(SortValues.decimal(BigDecimal.ZERO)).isEqualTo(SortValues.decimal(new BigDecimal("0.000")));
        for (String value : List.of("0", "1", "-1", "123456789012345.67", "-0.5")) {
            String encoded = SortValues.decimal(new BigDecimal(value));
            assertThat(encoded).hasSize(SortValues.DECIMAL_WIDTH);
            assertThat(SortValues.isDecimal(encoded)).isTrue();
        }
    }

    @Test
    void instants_in_byte_order_are_in_time_order_and_before_the_missing_value() {
        List<Instant> times = List.of(Instant.parse("1969-12-31T23:59:59.999Z"), Instant.EPOCH,
                Instant.parse("2026-01-05T10:00:00Z"), Instant.parse("2026-01-05T10:00:00.000000001Z"),
                Instant.parse("2026-01-05T10:01:00Z"));

        List<String> encoded = times.stream().map(SortValues::instant).toList();

        assertThat(encoded).isSortedAccordingTo(Utf8Order::compare);
        assertThat(encoded).allSatisfy(value -> assertThat(value).hasSize(SortValues.TIME_WIDTH));
        assertThat(Utf8Order.compare(encoded.get(encoded.size() - 1), SortValues.NULL)).isNegative();
        assertThat(Utf8Order.compare(SortValues.decimal(new BigDecimal("9E+100")), SortValues.PRESENT_END))
                .isNegative();
        assertThat(SortValues.instant(null)).isEqualTo(SortValues.NULL);
    }

    @Test
    void utf8_order_puts_characters_beyond_the_basic_plane_after_the_rest() {
        String privateUse = "\uE000";
        String emoji = "\uD83D\uDE00";

        assertThat(privateUse.compareTo(emoji)).as("UTF-16 order").isPositive();
        assertThat(Utf8Order.compare(privateUse, emoji)).as("UTF-8 byte order").isNegative();
    }
}
