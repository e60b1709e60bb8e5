package io.msmeatlas.projections.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** What came of forwarding a query to a peer: its answer, or no answer at all. */
public sealed interface PeerResponse {

    HostInfo host();

    /**
     * The peer answered (any status). The body is kept as bytes: the caller relays it or reads it.
     *
     * @param headers response headers; names are case-insensitive
     */
    record Answered(HostInfo host, int status, Map<String, List<String>> headers, byte[] body)
            implements PeerResponse {

        /** What a client may see of a peer's answer; hop-by-hop and length headers are the relay's own. */
        private static final List<String> RELAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
                HttpHeaders.CACHE_CONTROL, HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION,
                ClusterRequest.CONSISTENCY_HEADER);

        public Answered {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = copy;
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).filter(values -> !values.isEmpty()).map(values -> values.get(0));
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** 502, 503 or 504: the peer cannot answer for these partitions now; another replica may. */
        public boolean isUnavailable() {
            return status == 502 || status == 503 || status == 504;
        }

        /** The answer as this instance's own response, for a query forwarded by key. */
        public ResponseEntity<byte[]> toResponseEntity() {
            HttpHeaders relayed = new HttpHeaders();
            for (String name : RELAYED_HEADERS) {
                List<String> values = headers.get(name);
                if (values != null) {
                    relayed.addAll(name, values);
                }
            }
            return ResponseEntity.status(status).headers(relayed).body(body);
        }
    }

    /** The peer could not be reached, or did not answer within {@code peer-timeout}. */
    record Unreachable(HostInfo host, Exception cause) implements PeerResponse {
    }
}
