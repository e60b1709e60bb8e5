package io.msmeatlas.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The per-aggregate hash chain over stored events:
 * {@code hash = SHA-256(previous || str(aggregateId) || int64(sequence) || str(eventIdentifier)
 * || str(payloadType) || bytes(payload))}, where {@code str} is a 4-byte big-endian length followed by
 * the UTF-8 bytes, {@code bytes} a 4-byte length followed by the payload exactly as stored, and
 * {@code previous} the 32-byte hash of the aggregate's previous event, or {@link #GENESIS} when there
 * is none with a hash. Length prefixes keep field boundaries unambiguous.
 *
 * <p>Depends on the JDK only, so the audit tool can verify with the very same code.
 */
public final class HashChain {

    public static final int HASH_LENGTH = 32;
    public static final byte[] GENESIS = new byte[HASH_LENGTH];

    private HashChain() {
    }

    public static byte[] next(byte[] previous, String aggregateId, long sequence, String eventIdentifier,
            String payloadType, byte[] payload) {
        if (previous.length != HASH_LENGTH) {
            throw new IllegalArgumentException("A previous hash has 32 bytes, not " + previous.length);
        }
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        text(sha256, aggregateId);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
        text(sha256, eventIdentifier);
        text(sha256, payloadType);
        bytes(sha256, payload);
        return sha256.digest();
    }

    private static void text(MessageDigest digest, String value) {
        bytes(digest, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
        digest.update(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
