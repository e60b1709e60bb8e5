package io.msmeatlas.listings.listing;

import io.msmeatlas.web.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The listing version a client's {@code If-Match} expects. A listing's ETag is its version as a
 * strong entity tag ({@code "7"}); the read model's ETag adds the sequence of the valuation joined
 * into the view ({@code "7.2"}), and names the same listing version; {@code *} matches any existing
 * listing. Anything else (a weak or non-numeric tag, a list) is a malformed request: the client
 * cannot have got it from us.
 */
final class IfMatch {

    private static final Pattern STRONG_VERSION = Pattern.compile("\"([1-9][0-9]{0,17})(\\.[0-9]{1,18})?\"");

    private IfMatch() {
    }

    /** The expected version, or null when there is no header or it is {@code *}. */
    static Long expectedVersion(String header) {
        if (header == null || header.strip().equals("*")) {
            return null;
        }
        Matcher matcher = STRONG_VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Malformed If-Match",
                    "If-Match must be a listing's ETag, such as \"7\", or *.");
        }
        return Long.parseLong(matcher.group(1));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
