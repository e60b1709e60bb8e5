package io.msmeatlas.matching.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Every match the worker ever proposed ({@code match_directory}): its profile and listing, whether the
 * worker currently stands by it and a fingerprint of its last proposal, so that an unchanged proposal
 * is not sent again and the matches of a listing or profile are found without scanning.
 */
public class MatchDirectory {

    /** Where a match belongs. */
    public record Entry(String matchId, String profileId, String listingId, boolean proposed) {
    }

    private final JdbcTemplate jdbc;

    public MatchDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String matchId) {
        return jdbc.query("select match_id, profile_id, listing_id, proposed from match_directory where match_id = ?",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)), matchId)
                .stream().findFirst();
    }

    /** Fingerprint by match id of the standing proposals of a listing. */
    Map<String, String> proposedForListing(String listingId) {
        return fingerprints("listing_id", listingId);
    }

    /** Fingerprint by match id of the standing proposals of a profile. */
    Map<String, String> proposedForProfile(String profileId) {
        return fingerprints("profile_id", profileId);
    }

    void proposed(String matchId, String profileId, String listingId, String fingerprint) {
        jdbc.update("""
                insert into match_directory (match_id, profile_id, listing_id, proposed, fingerprint)
                values (?, ?, ?, true, ?)
                on conflict (match_id) do update set proposed = true, fingerprint = excluded.fingerprint""",
                matchId, profileId, listingId, fingerprint);
    }

    void retracted(String matchId) {
        jdbc.update("update match_directory set proposed = false, fingerprint = null where match_id = ?", matchId);
    }

    private Map<String, String> fingerprints(String column, String id) {
        Map<String, String> found = new LinkedHashMap<>();
        jdbc.query("select match_id, fingerprint from match_directory where proposed and " + column
                + " = ? order by match_id", (RowCallbackHandler) rs -> found.put(rs.getString(1), rs.getString(2)), id);
        return found;
    }
}
