package io.msmeatlas.projections.listing;

import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import io.msmeatlas.web.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A validated listing search. Null fields do not filter; {@code statuses} null means any status,
 * {@code words} empty means no text filter; {@code after} is the decoded cursor. Money is compared
 * exactly. City and state match whole values ignoring case; {@code section} is an NIC section letter
 * and matches all its divisions, {@code division} a two-digit NIC division; revenue and EBITDA are
 * the latest fiscal year's.
 */
public record ListingSearch(
        String section,
        String division,
        String state,
        String city,
        Category classification,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        BigDecimal minRevenue,
        BigDecimal maxRevenue,
        BigDecimal minEbitda,
        BigDecimal maxEbitda,
        DealType dealType,
        Set<ListingStatus> statuses,
        String sellerId,
        List<String> words,
        ListingSort sort,
        SortKey after,
        int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_TEXT = 200;
    static final int MAX_WORDS = 10;

    /** The same form as money in the events: a decimal, no exponent; only EBITDA may be negative. */
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,10})?");
    private static final Pattern SIGNED_AMOUNT = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,10})?");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern SECTION = Pattern.compile("[A-Ua-u]");
    private static final Pattern DIVISION = Pattern.compile("[0-9]{2}");

    public ListingSearch {
        statuses = statuses == null ? null : Set.copyOf(statuses);
        words = words == null ? List.of() : List.copyOf(words);
        if (sort == null) {
            throw new IllegalArgumentException("sort is required");
        }
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("cursor of " + after.sort() + " used with " + sort);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    /** The query parameters of a search, as sent; {@link #parse} validates them. */
    public record Parameters(String sector, String state, String city, String classification, String minPrice,
            String maxPrice, String minRevenue, String maxRevenue, String minEbitda, String maxEbitda,
            String dealType, String status, String q, String sort, String cursor, String limit) {

        public static Parameters none() {
            return new Parameters(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null);
        }
    }

    /**
     * The search the parameters describe, as this caller may run it: administrators may filter any
     * status, everybody else finds only {@link ListingStatus#LIVE} listings. A 400 problem names the
     * first invalid parameter; blank means absent.
     */
    public static ListingSearch parse(Parameters p, boolean admin) {
        String sector = blankToNull(p.sector());
        String section = null;
        String division = null;
        if (sector != null) {
            if (SECTION.matcher(sector).matches()) {
                section = sector.toUpperCase(Locale.ROOT);
            } else if (DIVISION.matcher(sector).matches()) {
                division = sector;
            } else {
                throw invalid("sector", "sector must be an NIC 2008 section letter (A to U) or a two-digit "
                        + "division such as 25.");
            }
        }
        String state = text("state", p.state());
        String city = text("city", p.city());
        Category classification = oneOf("classification", p.classification(), Category.class);
        BigDecimal minPrice = amount("minPrice", p.minPrice(), AMOUNT);
        BigDecimal maxPrice = amount("maxPrice", p.maxPrice(), AMOUNT);
        requireOrdered("minPrice", minPrice, "maxPrice", maxPrice);
        BigDecimal minRevenue = amount("minRevenue", p.minRevenue(), AMOUNT);
        BigDecimal maxRevenue = amount("maxRevenue", p.maxRevenue(), AMOUNT);
        requireOrdered("minRevenue", minRevenue, "maxRevenue", maxRevenue);
        BigDecimal minEbitda = amount("minEbitda", p.minEbitda(), SIGNED_AMOUNT);
        BigDecimal maxEbitda = amount("maxEbitda", p.maxEbitda(), SIGNED_AMOUNT);
        requireOrdered("minEbitda", minEbitda, "maxEbitda", maxEbitda);
        DealType dealType = oneOf("dealType", p.dealType(), DealType.class);
        ListingStatus status = oneOf("status", p.status(), ListingStatus.class);
        if (status != null && !admin && !ListingStatus.LIVE.contains(status)) {
            throw invalid("status", "Only administrators can search listings in status " + status
                    + "; status must be PUBLISHED or UNDER_OFFER.");
        }
        Set<ListingStatus> statuses = status != null ? Set.of(status) : admin ? null : ListingStatus.LIVE;
        List<String> words = words(p.q());
        ListingSort sort = sort(p.sort());
        return new ListingSearch(section, division, state, city, classification, minPrice, maxPrice, minRevenue,
                maxRevenue, minEbitda, maxEbitda, dealType, statuses, null, words, sort, cursor(p.cursor(), sort),
                limit(p.limit()));
    }

    /** A seller's own listings in every state (or one), newest first. */
    public static ListingSearch mine(String sellerId, String status, String cursor, String limit) {
        ListingStatus only = oneOf("status", status, ListingStatus.class);
        return builder(ListingSort.NEWEST).sellerId(sellerId).statuses(only == null ? null : Set.of(only))
                .after(cursor(cursor, ListingSort.NEWEST)).limit(limit(limit)).build();
    }

    /** Listings awaiting moderation, oldest submission first. */
    public static ListingSearch moderationQueue(String cursor, String limit) {
        return builder(ListingSort.OLDEST_SUBMISSION).statuses(Set.of(ListingStatus.SUBMITTED))
                .after(cursor(cursor, ListingSort.OLDEST_SUBMISSION)).limit(limit(limit)).build();
    }

    public static Builder builder(ListingSort sort) {
        return new Builder(sort);
    }

    /** Whether the view passes every filter. */
    public boolean matches(ListingView view) {
        return (section == null || section.equals(ListingIndex.sectionOf(view.sector())))
                && (division == null || division.equals(ListingIndex.divisionOf(view.sector())))
                && (state == null || ListingIndex.lowerCase(state).equals(ListingIndex.lowerCase(view.state())))
                && (city == null || ListingIndex.lowerCase(city).equals(ListingIndex.lowerCase(view.city())))
                && (classification == null || view.classification() != null
                        && view.classification().category() == classification)
                && within(view.askingPrice(), minPrice, maxPrice)
                && within(view.latestRevenue(), minRevenue, maxRevenue)
                && within(view.latestEbitda(), minEbitda, maxEbitda)
                && (dealType == null || dealType == view.dealType())
                && (statuses == null || statuses.contains(view.status()))
                && (sellerId == null || sellerId.equals(view.sellerId()))
                && (words.isEmpty() || ListingIndex.words(view).containsAll(words));
    }

    private static boolean within(BigDecimal value, BigDecimal min, BigDecimal max) {
        if (min == null && max == null) {
            return true;
        }
        return value != null && (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    private static String text(String name, String value) {
        String text = blankToNull(value);
        if (text != null && text.length() > 100) {
            throw invalid(name, name + " must be at most 100 characters.");
        }
        return text;
    }

    private static BigDecimal amount(String name, String value, Pattern form) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (!form.matcher(text).matches()) {
            throw invalid(name, name + " must be a" + (form == AMOUNT ? " non-negative" : "")
                    + " decimal amount such as 2500000.00.");
        }
        return new BigDecimal(text);
    }

    private static void requireOrdered(String minName, BigDecimal min, String maxName, BigDecimal max) {
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw invalid(minName, minName + " must not be greater than " + maxName + ".");
        }
    }

    private static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(name, name + " must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ".");
        }
    }

    private static List<String> words(String q) {
        String text = blankToNull(q);
        if (text == null) {
            return List.of();
        }
        if (text.length() > MAX_TEXT) {
            throw invalid("q", "q must be at most " + MAX_TEXT + " characters.");
        }
        List<String> words = new ArrayList<>(new LinkedHashSet<>(ListingIndex.words(text)));
        if (words.isEmpty()) {
            throw invalid("q", "q must contain at least one word.");
        }
        if (words.size() > MAX_WORDS) {
            throw invalid("q", "q must have at most " + MAX_WORDS + " words.");
        }
        return words;
    }

    private static ListingSort sort(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return ListingSort.NEWEST;
        }
        return ListingSort.ofParameter(text.toLowerCase(Locale.ROOT)).orElseThrow(() -> invalid("sort",
                "sort must be one of " + EnumSet.complementOf(EnumSet.of(ListingSort.OLDEST_SUBMISSION)).stream()
                        .map(ListingSort::parameter).collect(Collectors.joining(", ")) + "."));
    }

    private static SortKey cursor(String value, ListingSort sort) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        SortKey after;
        try {
            after = ListingCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "cursor is not one this service returned.");
        }
        if (after.sort() != sort) {
            throw invalid("cursor", "cursor belongs to sort " + after.sort().parameter() + ", not "
                    + sort.parameter() + ".");
        }
        return after;
    }

    private static int limit(String value) {
        String text = blankToNull(value);
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int limit = LIMIT.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        return limit;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ProblemException invalid(String parameter, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid query parameter", detail,
                Map.of("parameter", parameter));
    }

    /** For searches built in code (tests, routing); {@link #parse} is the way in from HTTP. */
    public static final class Builder {
        private final ListingSort sort;
        private String section;
        private String division;
        private String state;
        private String city;
        private Category classification;
        private BigDecimal minPrice;
        private BigDecimal maxPrice;
        private BigDecimal minRevenue;
        private BigDecimal maxRevenue;
        private BigDecimal minEbitda;
        private BigDecimal maxEbitda;
        private DealType dealType;
        private Set<ListingStatus> statuses;
        private String sellerId;
        private List<String> words = List.of();
        private SortKey after;
        private int limit = DEFAULT_LIMIT;

        private Builder(ListingSort sort) {
            this.sort = sort;
        }

        public Builder section(String section) {
            this.section = section;
            return this;
        }

        public Builder division(String division) {
            this.division = division;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder city(String city) {
            this.city = city;
            return this;
        }

        public Builder classification(Category classification) {
            this.classification = classification;
            return this;
        }

        public Builder price(String min, String max) {
            this.minPrice = decimal(min);
            this.maxPrice = decimal(max);
            return this;
        }

        public Builder revenue(String min, String max) {
            this.minRevenue = decimal(min);
            this.maxRevenue = decimal(max);
            return this;
        }

        public Builder ebitda(String min, String max) {
            this.minEbitda = decimal(min);
            this.maxEbitda = decimal(max);
            return this;
        }

        public Builder dealType(DealType dealType) {
            this.dealType = dealType;
            return this;
        }

        public Builder statuses(Set<ListingStatus> statuses) {
            this.statuses = statuses;
            return this;
        }

        public Builder sellerId(String sellerId) {
            this.sellerId = sellerId;
            return this;
        }

        /** Every word of {@code q} must occur in the title or highlights. */
        public Builder text(String q) {
            this.words = ListingIndex.words(q).stream().distinct().toList();
            return this;
        }

        public Builder after(SortKey after) {
            this.after = after;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public ListingSearch build() {
            return new ListingSearch(section, division, state, city, classification, minPrice, maxPrice,
                    minRevenue, maxRevenue, minEbitda, maxEbitda, dealType, statuses, sellerId, words, sort, after,
                    limit);
        }

        private static BigDecimal decimal(String value) {
            return value == null ? null : new BigDecimal(value);
        }
    }
}
