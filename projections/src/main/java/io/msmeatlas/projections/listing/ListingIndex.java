package io.msmeatlas.projections.listing;

import io.msmeatlas.schemas.listing.ListingDetails.Sector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secondary index of the listings, kept in the {@value #STORE} store beside the views: for
 * each equality dimension of a listing and each sort field, one key
 * {@code <dimension>:<value>:<sortField>:<sortValue>:<listingId>} with an empty value, e.g.
 * {@code city:pune:price:<29 digits>:lst-1}, plus {@code all:<sortField>:…} for
 * every listing, {@code live:<sortField>:…} for those buyers can find, and
 * {@code queue:submittedAt:…} for those awaiting moderation. Keys compare as UTF-8 bytes and sort
 * values are encoded order-preserving ({@link SortValues}), so a range scan over one
 * {@code <dimension>:<value>:<sortField>:} prefix lists exactly the listings with that value, in
 * sort order. Dimension values are lower-cased where matching ignores case, and {@code %} and
 * {@code :} in them are escaped so one value's prefix never covers another's.
 */
final class ListingIndex {

    static final String STORE = "listing-index";

    /** The value of every index entry: the key says it all. */
    static final byte[] PRESENT = new byte[0];

    static final String LISTED_AT = "listedAt";
    static final String PRICE = "price";
    static final String REVENUE = "revenue";
    static final String SUBMITTED_AT = "submittedAt";

    static final String ALL = "all";
    static final String LIVE = "live";
    static final String QUEUE = "queue";
    static final String CITY = "city";
    static final String DIVISION = "division";
    static final String WORD = "word";
    static final String SELLER = "seller";
    static final String STATE = "state";
    static final String SECTION = "section";
    static final String CLASSIFICATION = "classification";
    static final String DEAL_TYPE = "dealType";
    static final String STATUS = "status";

    /** Longer words are indexed by their first characters; matching still compares whole words. */
    static final int MAX_INDEXED_WORD = 40;

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIVISION_CODE = Pattern.compile("[0-9]{2}");
    private static final Pattern SECTION_CODE = Pattern.compile("[A-Za-z]");

    private ListingIndex() {
    }

    /** Every index key of this view. */
    static Set<String> entries(ListingView view) {
        Set<String> keys = new HashSet<>();
        String listedAt = SortValues.instant(view.listedAt());
        String price = SortValues.decimal(view.askingPrice());
        String revenue = SortValues.decimal(view.latestRevenue());
        for (String dimension : dimensions(view)) {
            keys.add(key(prefix(dimension, LISTED_AT), listedAt, view.id()));
            keys.add(key(prefix(dimension, PRICE), price, view.id()));
            keys.add(key(prefix(dimension, REVENUE), revenue, view.id()));
        }
        if (view.status() == ListingStatus.SUBMITTED) {
            keys.add(key(prefix(dimension(QUEUE), SUBMITTED_AT), SortValues.instant(view.submittedAt()), view.id()));
        }
        return keys;
    }

    /** The {@code <dimension>:<value>:} parts this view is found under. */
    private static List<String> dimensions(ListingView view) {
        List<String> dimensions = new ArrayList<>();
        dimensions.add(dimension(ALL));
        if (ListingStatus.LIVE.contains(view.status())) {
            dimensions.add(dimension(LIVE));
        }
        addIfPresent(dimensions, CITY, lowerCase(view.city()));
        addIfPresent(dimensions, DIVISION, divisionOf(view.sector()));
        for (String word : words(view)) {
            dimensions.add(dimension(WORD, indexedWord(word)));
        }
        addIfPresent(dimensions, SELLER, view.sellerId());
        addIfPresent(dimensions, STATE, lowerCase(view.state()));
        addIfPresent(dimensions, SECTION, sectionOf(view.sector()));
        addIfPresent(dimensions, CLASSIFICATION,
                view.classification() == null || view.classification().category() == null
                        ? null : view.classification().category().name());
        addIfPresent(dimensions, DEAL_TYPE, view.dealType() == null ? null : view.dealType().name());
        addIfPresent(dimensions, STATUS, view.status().name());
        return dimensions;
    }

    private static void addIfPresent(List<String> dimensions, String name, String value) {
        if (value != null && !value.isEmpty()) {
            dimensions.add(dimension(name, value));
        }
    }

    static String dimension(String name) {
        return name + ":";
    }

    static String dimension(String name, String value) {
        return name + ":" + escape(value) + ":";
    }

    static String prefix(String dimension, String sortField) {
        return dimension + sortField + ":";
    }

    static String key(String prefix, String sortValue, String id) {
        return prefix + sortValue + ":" + id;
    }

    /** The sort value and id of a key that starts with {@code prefix}. */
    static SortKey sortKey(ListingSort sort, String prefix, String key) {
        int separator = key.indexOf(':', prefix.length());
        return new SortKey(sort, key.substring(prefix.length(), separator), key.substring(separator + 1));
    }

    /** Matching a city or state ignores case. */
    static String lowerCase(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /** The NIC section letter: the sector's section, or its code when that is a section itself. */
    static String sectionOf(Sector sector) {
        if (sector == null) {
            return null;
        }
        if (sector.section() != null && !sector.section().isBlank()) {
            return sector.section().strip().toUpperCase(Locale.ROOT);
        }
        return sector.code() != null && SECTION_CODE.matcher(sector.code().strip()).matches()
                ? sector.code().strip().toUpperCase(Locale.ROOT) : null;
    }

    /** The two-digit NIC division, when the sector is one. */
    static String divisionOf(Sector sector) {
        return sector != null && sector.code() != null && DIVISION_CODE.matcher(sector.code().strip()).matches()
                ? sector.code().strip() : null;
    }

    /** The distinct words of the title and highlights, lower-cased: what {@code q} matches. */
    static Set<String> words(ListingView view) {
        Set<String> words = new LinkedHashSet<>(words(view.title()));
        view.highlights().forEach(highlight -> words.addAll(words(highlight)));
        return words;
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return NOT_WORD.splitAsStream(text.toLowerCase(Locale.ROOT)).filter(word -> !word.isEmpty()).toList();
    }

    static String indexedWord(String word) {
        return word.length() > MAX_INDEXED_WORD ? word.substring(0, MAX_INDEXED_WORD) : word;
    }

    private static String escape(String value) {
        return value.replace("%", "%25").replace(":", "%3A");
    }
}
