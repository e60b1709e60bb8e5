package io.msmeatlas.listings.listing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A retried create with the same {@code Idempotency-Key} from the same seller maps to the same
 * listing id, so the event store's uniqueness turns the retry into a no-op instead of a duplicate.
 */
final class ListingIds {

    private ListingIds() {
    }

    static String forIdempotencyKey(String sellerId, String idempotencyKey) {
        byte[] name = ("listing:" + sellerId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
