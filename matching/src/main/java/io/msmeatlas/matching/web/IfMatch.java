package io.msmeatlas.matching.web;

import io.msmeatlas.web.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The version a client's {@code If-Match} expects: an aggregate's ETag is its version (number of
 * events) as a strong entity tag ({@code "3"}); {@code *} matches any. Anything else is a 400.
 */
public final class IfMatch {

    private static final Pattern STRONG_VERSION = Pattern.compile("\"([1-9][0-9]{0,17})\"");

    private IfMatch() {
    }

    /** The expected version, or null when there is no header or it is {@code *}. */
    public static Long expectedVersion(String header) {
        if (header == null || header.strip().equals("*")) {
            return null;
        }
        Matcher matcher = STRONG_VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Malformed If-Match",
                    "If-Match must be an ETag this API returned, such as \"3\", or *.");
        }
        return Long.parseLong(matcher.group(1));
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
