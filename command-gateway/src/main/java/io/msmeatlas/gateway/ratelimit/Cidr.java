package io.msmeatlas.gateway.ratelimit;

import java.net.InetAddress;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    static Cidr parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        InetAddress address = ClientAddresses.parseLiteral(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("Not an IP network: '" + cidr + "'");
        }
        byte[] bytes = address.getAddress();
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : bytes.length * 8;
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("Bad prefix length in '" + cidr + "'");
        }
        return new Cidr(bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
