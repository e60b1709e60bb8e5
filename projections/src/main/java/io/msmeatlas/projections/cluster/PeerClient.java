package io.msmeatlas.projections.cluster;

import io.msmeatlas.web.ConsistencyToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a GET query to another projections instance, naming the partitions it must answer from
 * in {@value ClusterRequest#PARTITIONS_HEADER}. The JDK client keeps connections to peers open
 * between queries and sends without blocking a request thread, so a fan-out asks every peer at once.
 */
public class PeerClient {

    private final HttpClient http;
    private final String scheme;
    private final Duration timeout;
    private final Duration consistencyWait;

    /** Peers over plain HTTP. */
    public PeerClient(Duration timeout, Duration consistencyWait) {
        this(timeout, consistencyWait, null);
    }

    /**
     * @param timeout for connecting, and again for the whole answer ({@code peer-timeout})
     * @param consistencyWait added to the answer's time limit when the query carries a consistency
     *        token, for which the peer may wait that long ({@code consistency-wait})
     * @param tls peers over HTTPS, trusted (and their host names checked) with this context; null for HTTP
     */
    public PeerClient(Duration timeout, Duration consistencyWait, SSLContext tls) {
        this.timeout = timeout;
        this.consistencyWait = consistencyWait;
        this.scheme = tls == null ? "http" : "https";
        // HTTP/1.1: a plain-text HTTP/2 upgrade attempt would only cost a round trip with Tomcat.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /**
     * Sends the query; the future completes with {@link PeerResponse.Answered} for any HTTP status and
     * with {@link PeerResponse.Unreachable} when the peer refused the connection or timed out, so the
     * caller can ask a standby instead.
     */
    public CompletableFuture<PeerResponse> send(HostInfo host, PeerRequest request, Set<Integer> partitions) {
        boolean waits = request.headers().containsKey(ConsistencyToken.HEADER);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(host, request.pathAndQuery()))
                .timeout(waits ? timeout.plus(consistencyWait) : timeout)
                .GET();
        request.headers().forEach(builder::header);
        builder.header(ClusterRequest.PARTITIONS_HEADER, ClusterRequest.formatPartitions(partitions));
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                .<PeerResponse>handle((response, failure) -> {
                    if (failure == null) {
                        return new PeerResponse.Answered(host, response.statusCode(), response.headers().map(),
                                response.body());
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof IOException io) {
                        return new PeerResponse.Unreachable(host, io);
                    }
                    throw new CompletionException(cause);
                });
    }

    /** {@link #send} and wait for it. */
    public PeerResponse get(HostInfo host, PeerRequest request, Set<Integer> partitions) {
        return send(host, request, partitions).join();
    }

    private URI uri(HostInfo host, String pathAndQuery) {
        String name = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
        return URI.create(scheme + "://" + name + ":" + host.port() + pathAndQuery);
    }
}
