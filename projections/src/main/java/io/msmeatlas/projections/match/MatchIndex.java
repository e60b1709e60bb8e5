package io.msmeatlas.projections.match;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The secondary index of the match read models ({@value #STORE}): key-only entries, in the same
 * partition as the view they point at, ordered so that one prefix range scan reads a list in the
 * order it is shown.
 *
 * <ul>
 *   <li>{@code b|<buyerId>|<rank>|<matchId>}: a buyer's matches, best score first;</li>
 *   <li>{@code l|<listingId>|<rank>|<matchId>}: a listing's matches, best score first;</li>
 *   <li>{@code s|<sellerId>|<newest>|<matchId>}: the interests a seller received, newest first;</li>
 *   <li>{@code u|<buyerId>|<profileId>}: a buyer's profiles.</li>
 * </ul>
 *
 * {@code rank} is 1000 minus the score in per mille, four digits; {@code newest} is
 * {@link Long#MAX_VALUE} minus the epoch milliseconds of the interest, nineteen digits. A match is
 * listed while it stands or has a deal on it; a retracted one without interest leaves the lists
 * (it stays readable by id).
 */
final class MatchIndex {

    static final String STORE = "match-index";
    static final byte[] PRESENT = new byte[0];
    /** Above every character of an id: the end of a prefix range. */
    static final String END = "\uffff";

    private MatchIndex() {
    }

    static Set<String> entries(MatchView view) {
        Set<String> keys = new LinkedHashSet<>();
        if (view.listed()) {
            String rank = rank(view.score());
            keys.add(buyerPrefix(view.buyerId()) + rank + "|" + view.matchId());
            keys.add(listingPrefix(view.listingId()) + rank + "|" + view.matchId());
        }
        if (view.hasInterest() && view.interestExpressedAt() != null) {
            keys.add(sellerPrefix(view.sellerId()) + newest(view.interestExpressedAt().toEpochMilli()) + "|"
                    + view.matchId());
        }
        return keys;
    }

    static Set<String> entries(BuyerProfileView view) {
        return Set.of(profilesPrefix(view.buyerId()) + view.id());
    }

    static String buyerPrefix(String buyerId) {
        return "b|" + buyerId + "|";
    }

    static String listingPrefix(String listingId) {
        return "l|" + listingId + "|";
    }

    static String sellerPrefix(String sellerId) {
        return "s|" + sellerId + "|";
    }

    static String profilesPrefix(String buyerId) {
        return "u|" + buyerId + "|";
    }

    /** The id an entry points at: the part after its last separator. */
    static String target(String key) {
        return key.substring(key.lastIndexOf('|') + 1);
    }

    private static String rank(BigDecimal score) {
        int perMille = score.movePointRight(3).intValue();
        return String.format("%04d", 1000 - Math.max(0, Math.min(1000, perMille)));
    }

    private static String newest(long epochMillis) {
        return String.format("%019d", Long.MAX_VALUE - epochMillis);
    }
}
