package io.msmeatlas.matching.profile;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A retried create with the same {@code Idempotency-Key} from the same buyer maps to the same profile
 * id, so the event store's uniqueness turns the retry into a no-op instead of a second profile.
 */
final class ProfileIds {

    private ProfileIds() {
    }

    static String forIdempotencyKey(String buyerId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("buyer-profile:" + buyerId + ":" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
