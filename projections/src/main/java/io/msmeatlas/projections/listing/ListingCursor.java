package io.msmeatlas.projections.listing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque page cursor: the last returned listing id, base64url-encoded. */
final class ListingCursor {

    private ListingCursor() {
    }

    static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /** The listing id the cursor names; throws {@link IllegalArgumentException} when it is not a cursor. */
    static String decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            String id = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            if (id.isBlank()) {
                throw new IllegalArgumentException("empty cursor");
            }
            return id;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cursor is not UTF-8", e);
        }
    }
}
