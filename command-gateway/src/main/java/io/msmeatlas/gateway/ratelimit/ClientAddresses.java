package io.msmeatlas.gateway.ratelimit;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request is limited by. With no trusted proxy it is the TCP peer: X-Forwarded-For is
 * whatever the client wrote, so trusting it would let anyone pick a fresh address per request. Behind
 * N trusted proxies, each appends the address it received the request from, so the N-th entry from
 * the right was written by our outermost proxy and is the real client; entries left of it are again
 * client-written. Spring Cloud Gateway's XForwardedRemoteAddressResolver is not used because it
 * resolves the entry as a host name (a DNS lookup of client input) and takes a client-written entry
 * when the header is shorter than expected.
 */
final class ClientAddresses {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final int trustedProxies;

    ClientAddresses(int trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** The client's address, or null when not even the peer is known. */
    InetAddress resolve(ServerHttpRequest request) {
        InetAddress peer = peer(request);
        if (trustedProxies == 0) {
            return peer;
        }
        List<String> forwarded = new ArrayList<>();
        for (String header : request.getHeaders().getValuesAsList(X_FORWARDED_FOR)) {
            // getValuesAsList splits on commas already; entries may still carry spaces.
            String entry = header.trim();
            if (!entry.isEmpty()) {
                forwarded.add(entry);
            }
        }
        int index = forwarded.size() - trustedProxies;
        if (index < 0) {
            // Fewer entries than proxies: the request did not come through all of them.
            return peer;
        }
        InetAddress client = parseLiteral(forwarded.get(index));
        return client != null ? client : peer;
    }

    /** An IPv4 or IPv6 literal as an address; null for anything else. Never looks up a name. */
    static InetAddress parseLiteral(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            // Also turns an IPv4-mapped IPv6 address into the IPv4 one.
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    private static InetAddress peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }
}
