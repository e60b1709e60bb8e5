package io.msmeatlas.projections.listing;

import io.msmeatlas.web.ProblemException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** A validated listing search; null fields do not filter. */
record ListingSearch(
        String sector,
        String state,
        ListingStatus status,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        String afterId,
        int limit) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** The same form as money in the events: a non-negative decimal, no exponent. */
    private static final Pattern PRICE = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,10})?");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,9}");

    /** Parses the query parameters; a 400 problem names the first invalid one. Blank means absent. */
    static ListingSearch parse(String sector, String state, String status, String minPrice, String maxPrice,
            String cursor, String limit) {
        BigDecimal min = price("minPrice", minPrice);
        BigDecimal max = price("maxPrice", maxPrice);
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw invalid("minPrice", "minPrice must not be greater than maxPrice.");
        }
        return new ListingSearch(blankToNull(sector), blankToNull(state), status(status), min, max,
                cursor(cursor), limit(limit));
    }

    boolean matches(ListingView view) {
        return (sector == null || sector.equalsIgnoreCase(view.sector()))
                && (state == null || state.equalsIgnoreCase(view.state()))
                && (status == null || status == view.status())
                && (minPrice == null || view.askingPrice() != null && view.askingPrice().compareTo(minPrice) >= 0)
                && (maxPrice == null || view.askingPrice() != null && view.askingPrice().compareTo(maxPrice) <= 0);
    }

    private static BigDecimal price(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        if (!PRICE.matcher(value).matches()) {
            throw invalid(name, name + " must be a non-negative decimal amount such as 2500000.00.");
        }
        return new BigDecimal(value);
    }

    private static ListingStatus status(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return ListingStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("status", "status must be one of DRAFT, PUBLISHED, WITHDRAWN.");
        }
    }

    private static String cursor(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return ListingCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "cursor is not one this service returned.");
        }
    }

    private static int limit(String value) {
        if (blankToNull(value) == null) {
            return DEFAULT_LIMIT;
        }
        int limit = LIMIT.matcher(value).matches() ? Integer.parseInt(value) : 0;
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
}
