package io.msmeatlas.auth.token;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address failed logins are counted against. The gateway appends the peer it saw to
 * {@code X-Forwarded-For} (Spring Cloud Gateway's default), so the trustworthy entry is the one
 * {@code trustedProxyHops} from the right; entries further left were written by the client and
 * would let it dodge the per-address limit by inventing addresses.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, int trustedProxyHops) {
        if (trustedProxyHops > 0) {
            List<String> entries = new ArrayList<>();
            for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
                for (String entry : header.split(",")) {
                    if (!entry.isBlank()) {
                        entries.add(entry.strip());
                    }
                }
            }
            if (entries.size() >= trustedProxyHops) {
                String candidate = entries.get(entries.size() - trustedProxyHops);
                if (IP.matcher(candidate).matches()) {
                    return candidate;
                }
            }
        }
        return request.getRemoteAddr();
    }
}
