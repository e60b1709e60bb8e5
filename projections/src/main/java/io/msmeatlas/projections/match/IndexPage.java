package io.msmeatlas.projections.match;

import io.msmeatlas.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * One page of a list read from the index: each item as the caller may see it, with the index key it
 * was found under (the order across partitions and instances, and the cursor of the next page).
 */
record IndexPage(List<Entry> entries) {

    /** An item and its index key. */
    record Entry(String key, JsonNode item) {
    }

    /** What a client gets: the items and the cursor to pass back for the next page, if any. */
    record Response(List<JsonNode> items, String nextCursor) {
    }

    IndexPage {
        entries = List.copyOf(entries);
    }

    /** The pages of several partitions or instances as one, in key order, cut to {@code limit + 1}. */
    static IndexPage merge(Collection<IndexPage> pages, int limit) {
        List<Entry> all = new ArrayList<>();
        pages.forEach(page -> all.addAll(page.entries()));
        all.sort(Comparator.comparing(Entry::key, IndexPage::utf8Order));
        return new IndexPage(all.subList(0, Math.min(all.size(), limit + 1)));
    }

    /** The first {@code limit} items, and a cursor when there is more. */
    Response response(int limit) {
        List<JsonNode> items = entries.stream().limit(limit).map(Entry::item).toList();
        String next = entries.size() > limit ? encode(entries.get(limit - 1).key()) : null;
        return new Response(items, next);
    }

    /** RocksDB orders keys by their UTF-8 bytes; ids outside ASCII sort the same way here. */
    static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The index key a page ended at, which must lie in the list's own range; a foreign or malformed one is a 400. */
    static Optional<String> decode(String cursor, String prefix) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (key.startsWith(prefix)) {
                return Optional.of(key);
            }
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid cursor",
                "The cursor is not one this list returned.");
    }
}
