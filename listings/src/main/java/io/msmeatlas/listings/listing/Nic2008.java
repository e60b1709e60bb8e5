package io.msmeatlas.listings.listing;

import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The National Industrial Classification 2008 (MoSPI; India's adaptation of ISIC Rev. 4) at its two
 * top levels: the 21 sections A–U and the 88 two-digit divisions, from
 * {@code reference/nic2008.csv}. A listing names one of either.
 */
final class Nic2008 {

    private static final Map<String, Sector> SECTORS = load();

    private Nic2008() {
    }

    /** The sector for a section letter (either case) or a two-digit division; empty when NIC 2008 has no such code. */
    static Optional<Sector> sector(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(SECTORS.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** Every section and division, sections first in letter order. */
    static Map<String, Sector> all() {
        return SECTORS;
    }

    private static Map<String, Sector> load() {
        List<List<String>> rows = ReferenceCsv.rows("reference/nic2008.csv");
        Map<String, String> sectionNames = new LinkedHashMap<>();
        for (List<String> row : rows) {
            if (row.get(0).equals(row.get(2))) {
                sectionNames.put(row.get(0), row.get(1));
            }
        }
        Map<String, Sector> sectors = new LinkedHashMap<>();
        for (List<String> row : rows) {
            String code = row.get(0);
            String section = row.get(2);
            String sectionName = sectionNames.get(section);
            if (sectionName == null || !code.matches("[A-U]|[0-9]{2}")) {
                throw new IllegalStateException("Bad NIC 2008 row: " + row);
            }
            sectors.put(code, new Sector(code, row.get(1), section, sectionName));
        }
        return Collections.unmodifiableMap(sectors);
    }
}
