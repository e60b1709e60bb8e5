package io.msmeatlas.projections.listing;

/**
 * The order of the stores' String keys, which Kafka Streams compares as UTF-8 bytes: code point
 * order. {@link String#compareTo} compares UTF-16 units and differs for characters above U+FFFF.
 */
final class Utf8Order {

    private Utf8Order() {
    }

    static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointRank(x), codePointRank(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Surrogates (U+D800-U+DFFF) encode code points above U+FFFF, so they rank above U+E000-U+FFFF. */
    private static int codePointRank(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }
}
