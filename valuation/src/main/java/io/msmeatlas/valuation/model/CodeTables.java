package io.msmeatlas.valuation.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fixed, versioned code tables that turn a listing's categories into model inputs: NIC 2008
 * code to section and {@link SectorGroup}, state to location tier, and the tier-1 cities. Loaded
 * from {@code model/encodings/*-v<version>.csv}; the same version always gives the same numbers, in
 * every process (never a hash). A model records the version it was trained with.
 */
public final class CodeTables {

    /** The encodings version this build reads. */
    public static final String VERSION = "1";

    private static final CodeTables V1 = load(VERSION);

    private final String version;
    private final Map<String, Sector> sectors;
    private final Map<String, String> statesByKey;
    private final Map<String, Integer> tierByState;
    private final Map<String, String> tier1Cities;

    /** An NIC code resolved: its section letter and group. */
    public record Sector(String code, String section, SectorGroup group) {
    }

    private CodeTables(String version, Map<String, Sector> sectors, Map<String, String> statesByKey,
            Map<String, Integer> tierByState, Map<String, String> tier1Cities) {
        this.version = version;
        this.sectors = sectors;
        this.statesByKey = statesByKey;
        this.tierByState = tierByState;
        this.tier1Cities = tier1Cities;
    }

    public static CodeTables current() {
        return V1;
    }

    public String version() {
        return version;
    }

    /** A section letter or two-digit division; any letter case, surrounding blanks ignored. */
    public Optional<Sector> sector(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(sectors.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** The official name of a state or union territory, matched in any letter case. */
    public Optional<String> state(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(statesByKey.get(key(name)));
    }

    /** 1 for a tier-1 city in its state, else the state's tier (2 or 3); empty for an unknown state. */
    public Optional<Integer> locationTier(String state, String city) {
        return state(state).map(official -> {
            String cityState = city == null ? null : tier1Cities.get(key(city));
            return official.equals(cityState) ? 1 : tierByState.get(official);
        });
    }

    private static String key(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static CodeTables load(String version) {
        Map<String, Sector> sectors = new HashMap<>();
        for (String[] row : rows("sector-groups-v" + version + ".csv")) {
            sectors.put(row[0], new Sector(row[0], row[1], SectorGroup.valueOf(row[2])));
        }
        Map<String, String> states = new HashMap<>();
        Map<String, Integer> tiers = new HashMap<>();
        for (String[] row : rows("location-tiers-v" + version + ".csv")) {
            states.put(key(row[0]), row[0]);
            tiers.put(row[0], Integer.parseInt(row[1]));
        }
        Map<String, String> cities = new HashMap<>();
        for (String[] row : rows("tier1-cities-v" + version + ".csv")) {
            cities.put(key(row[0]), row[1]);
        }
        return new CodeTables(version, Map.copyOf(sectors), Map.copyOf(states), Map.copyOf(tiers), Map.copyOf(cities));
    }

    /** Rows after the header, without comment lines; fields are plain (no quoted commas in these tables). */
    private static List<String[]> rows(String file) {
        String resource = "model/encodings/" + file;
        try (InputStream in = CodeTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No code table " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(",", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
