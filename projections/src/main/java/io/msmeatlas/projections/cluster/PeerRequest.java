package io.msmeatlas.projections.cluster;

import io.msmeatlas.web.Caller;
import io.msmeatlas.web.ConsistencyToken;
import io.msmeatlas.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * A query as a peer must see it: the raw path and query string, and the headers that decide its
 * answer. Taken from the servlet request on the request thread, so the forwarding itself can run on
 * any thread.
 *
 * @param pathAndQuery e.g. {@code /api/msme/listings?state=Kerala&limit=20}, still URL-encoded
 * @param headers header name to value
 */
public record PeerRequest(String pathAndQuery, Map<String, String> headers) {

    /**
     * Identity (the peer checks roles and ownership itself), request id (one id across instances in
     * the logs), consistency token (the peer waits for it) and the media type asked for.
     */
    static final List<String> FORWARDED_HEADERS = List.of(Caller.USER_HEADER, Caller.ROLES_HEADER,
            RequestIdFilter.HEADER, ConsistencyToken.HEADER, HttpHeaders.ACCEPT);

    public PeerRequest {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("A peer request needs an absolute path: " + pathAndQuery);
        }
        headers = Map.copyOf(headers);
    }

    public static PeerRequest of(HttpServletRequest request) {
        String query = request.getQueryString();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : FORWARDED_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        // The filter may have generated the id because the caller sent none.
        String requestId = RequestIdFilter.current();
        if (requestId != null) {
            headers.put(RequestIdFilter.HEADER, requestId);
        }
        return new PeerRequest(request.getRequestURI() + (query == null ? "" : "?" + query), headers);
    }
}
