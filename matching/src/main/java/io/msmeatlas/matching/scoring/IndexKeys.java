package io.msmeatlas.matching.scoring;

import io.msmeatlas.matching.reference.Nic2008;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The keys of the candidate index: sector (NIC section), region (state or city) and budget band. A
 * profile accepts some values in each dimension, or {@value #ANY} for "any"; a listing has one value in
 * each, and is looked up under its own values and {@value #ANY}. A profile can pass
 * {@link MatchScorer}'s hard criteria only if it shares a value with the listing in every dimension.
 * The index stores each profile under every combination of its three dimensions
 * ({@code section|region|band}, {@link #matchKeys(BuyerCriteria)}), so a listing's six lookup keys
 * ({@link #matchKeys(ListingFacts)}) find exactly the profiles that share all three: every profile
 * that can match, and few others, from a handful of short posting lists rather than the intersection
 * of three long ones.
 *
 * <p>Budget bands double in width: band {@code b} holds asking prices from 2^b to 2^(b+1) lakh
 * (₹1 lakh = 100,000), band 0 everything under ₹2 lakh, and {@value #TOP_BAND} everything from 2^40 lakh.
 * A profile covers the bands from its lowest to its highest acceptable price (budgetMax plus
 * {@link MatchScorer#BUDGET_TOLERANCE_PERCENT}%).
 */
public final class IndexKeys {

    public static final String ANY = "*";
    public static final int TOP_BAND = 40;
    private static final long LAKH = 100_000;

    private IndexKeys() {
    }

    /** The NIC sections a profile accepts, or {@value #ANY}. */
    public static List<String> sectorKeys(BuyerCriteria criteria) {
        if (criteria.sectors().isEmpty()) {
            return List.of(ANY);
        }
        TreeSet<String> sections = new TreeSet<>();
        for (String code : criteria.sectors()) {
            Nic2008.code(code).ifPresent(c -> sections.add(c.section()));
        }
        return List.copyOf(sections);
    }

    /** The states and cities a profile accepts, or {@value #ANY}. */
    public static List<String> regionKeys(BuyerCriteria criteria) {
        if (criteria.states().isEmpty() && criteria.cities().isEmpty()) {
            return List.of(ANY);
        }
        TreeSet<String> keys = new TreeSet<>(criteria.states());
        criteria.cities().forEach(city -> keys.add(cityKey(city)));
        return List.copyOf(keys);
    }

    /** The budget bands from the lowest to the highest asking price a profile accepts. */
    public static List<Integer> budgetBands(BuyerCriteria criteria) {
        int low = criteria.budgetMin() == null ? 0 : band(criteria.budgetMin());
        int high = band(MatchScorer.highestAcceptablePrice(criteria.budgetMax()));
        List<Integer> bands = new ArrayList<>();
        for (int b = low; b <= high; b++) {
            bands.add(b);
        }
        return bands;
    }

    /** Every (sector, region, band) combination the profile accepts: the keys it is indexed under. */
    public static List<String> matchKeys(BuyerCriteria criteria) {
        List<String> keys = new ArrayList<>();
        for (String sector : sectorKeys(criteria)) {
            for (String region : regionKeys(criteria)) {
                for (int band : budgetBands(criteria)) {
                    keys.add(key(sector, region, band));
                }
            }
        }
        return keys;
    }

    /** The keys to look a listing up under: its section or any, its state, city or anywhere, its band. */
    public static List<String> matchKeys(ListingFacts listing) {
        int band = band(listing.askingPrice());
        List<String> keys = new ArrayList<>(6);
        for (String sector : sectorKeys(listing)) {
            for (String region : regionKeys(listing)) {
                keys.add(key(sector, region, band));
            }
        }
        return keys;
    }

    private static String key(String sector, String region, int band) {
        return sector + "|" + region + "|" + band;
    }

    /** The keys to look a listing up under: its section and {@value #ANY}. */
    public static List<String> sectorKeys(ListingFacts listing) {
        return listing.section() == null ? List.of(ANY) : List.of(listing.section(), ANY);
    }

    /** The keys to look a listing up under: its state, its city and {@value #ANY}. */
    public static List<String> regionKeys(ListingFacts listing) {
        List<String> keys = new ArrayList<>(3);
        if (listing.state() != null) {
            keys.add(listing.state());
        }
        if (listing.city() != null) {
            keys.add(cityKey(listing.city()));
        }
        keys.add(ANY);
        return keys;
    }

    public static String cityKey(String city) {
        return "city:" + city.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The band of an asking price in rupees. */
    public static int band(BigDecimal price) {
        long lakhs = price.setScale(0, RoundingMode.FLOOR).longValueExact() / LAKH;
        if (lakhs < 2) {
            return 0;
        }
        return Math.min(TOP_BAND, 63 - Long.numberOfLeadingZeros(lakhs));
    }
}
