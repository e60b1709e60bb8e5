package io.msmeatlas.matching.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The National Industrial Classification 2008 at its two top levels: the 21 sections A–U and the 88
 * two-digit divisions ({@code reference/nic2008.csv}). A buyer names either.
 */
public final class Nic2008 {

    /** One code with its name and the section it belongs to (a section belongs to itself). */
    public record Code(String code, String name, String section, String sectionName) {

        public boolean isSection() {
            return code.equals(section);
        }
    }

    private static final Map<String, Code> CODES = load();

    private Nic2008() {
    }

    /** The code for a section letter (either case) or a two-digit division; empty when NIC 2008 has none. */
    public static Optional<Code> code(String code) {
        return code == null ? Optional.empty()
                : Optional.ofNullable(CODES.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** Every section and division, sections first in letter order. */
    public static Map<String, Code> all() {
        return CODES;
    }

    private static Map<String, Code> load() {
        List<List<String>> rows = ReferenceCsv.rows("reference/nic2008.csv");
        Map<String, String> sectionNames = new LinkedHashMap<>();
        for (List<String> row : rows) {
            if (row.get(0).equals(row.get(2))) {
                sectionNames.put(row.get(0), row.get(1));
            }
        }
        Map<String, Code> codes = new LinkedHashMap<>();
        for (List<String> row : rows) {
            String code = row.get(0);
            String section = row.get(2);
            String sectionName = sectionNames.get(section);
            if (sectionName == null || !code.matches("[A-U]|[0-9]{2}")) {
                throw new IllegalStateException("Bad NIC 2008 row: " + row);
            }
            codes.put(code, new Code(code, row.get(1), section, sectionName));
        }
        return Collections.unmodifiableMap(codes);
    }
}
