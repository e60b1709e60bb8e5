package io.msmeatlas.projections.listing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque page cursor: base64url of {@code c1|<sort>|<sort value>|<listing id>}, the position of
 * the last listing returned. The next page starts after it in the same order.
 */
public final class ListingCursor {

    private static final String VERSION = "c1";

    private ListingCursor() {
    }

    public static String encode(SortKey key) {
        String text = VERSION + "|" + key.sort().name() + "|" + key.value() + "|" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; throws {@link IllegalArgumentException} when it is not a cursor. */
    public static SortKey decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            String[] parts = text.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isEmpty()) {
                throw new IllegalArgumentException("not a listing cursor");
            }
            ListingSort sort = ListingSort.valueOf(parts[1]);
            if (!sort.isValidSortValue(parts[2])) {
                throw new IllegalArgumentException("not a sort value of " + sort);
            }
            return new SortKey(sort, parts[2], parts[3]);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cursor is not UTF-8", e);
        }
    }
}
