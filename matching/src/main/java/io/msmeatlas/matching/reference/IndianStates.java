package io.msmeatlas.matching.reference;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** India's 28 states and 8 union territories ({@code reference/india-states.csv}), by their official names. */
public final class IndianStates {

    private static final Map<String, String> BY_KEY = ReferenceCsv.rows("reference/india-states.csv").stream()
            .map(row -> row.get(0))
            .collect(Collectors.toUnmodifiableMap(IndianStates::key, Function.identity()));

    private IndianStates() {
    }

    /** The official name for {@code input} in any letter case and spacing; empty when it names no state or territory. */
    public static Optional<String> canonical(String input) {
        return input == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(key(input)));
    }

    public static List<String> all() {
        return BY_KEY.values().stream().sorted().toList();
    }

    private static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
