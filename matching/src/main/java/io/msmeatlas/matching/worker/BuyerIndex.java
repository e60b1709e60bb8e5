package io.msmeatlas.matching.worker;

import io.msmeatlas.matching.scoring.IndexKeys;
import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The buyer profiles as matching knows them ({@code buyer_index}), each indexed under every
 * (sector, region, budget band) combination its hard criteria accept ({@link IndexKeys}). A listing's
 * candidates are the active profiles under one of its six combinations: one GIN index lookup, whose cost
 * grows with the candidates, not with the number of profiles.
 */
public class BuyerIndex {

    private static final String UPSERT = """
            insert into buyer_index (profile_id, buyer_id, active, last_sequence, name, criteria, contact,
                                     match_keys)
            values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
            on conflict (profile_id) do update set
                buyer_id = excluded.buyer_id, active = excluded.active, last_sequence = excluded.last_sequence,
                name = excluded.name, criteria = excluded.criteria, contact = excluded.contact,
                match_keys = excluded.match_keys""";
    private static final String CANDIDATES = """
            select profile_id, buyer_id, criteria::text from buyer_index
             where active and match_keys && ?
             order by profile_id""";

    private final JdbcTemplate jdbc;

    public BuyerIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ProfileRow> find(String profileId) {
        return jdbc.query("""
                select profile_id, buyer_id, active, last_sequence, name, criteria::text, contact::text
                  from buyer_index where profile_id = ?""", (rs, n) -> {
                    String contact = rs.getString(7);
                    return new ProfileRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4),
                            rs.getString(5), criteria(rs.getString(6)), contact == null ? null
                                    : EventJson.read(contact.getBytes(StandardCharsets.UTF_8), BuyerContact.class));
                }, profileId).stream().findFirst();
    }

    public void save(ProfileRow row) {
        jdbc.update(UPSERT, ps -> bind(ps, row));
    }

    /** Many rows in one batch: loading a snapshot (the benchmark's 100k profiles). */
    public void saveAll(List<ProfileRow> rows) {
        jdbc.batchUpdate(UPSERT, rows, 500, BuyerIndex::bind);
    }

    private static void bind(PreparedStatement ps, ProfileRow row) throws SQLException {
        BuyerCriteria criteria = row.criteria();
        ps.setString(1, row.profileId());
        ps.setString(2, row.buyerId());
        ps.setBoolean(3, row.active());
        ps.setLong(4, row.lastSequence());
        ps.setString(5, row.name());
        ps.setString(6, ListingIndex.json(criteria));
        ps.setString(7, row.contact() == null ? null : ListingIndex.json(row.contact()));
        ps.setArray(8, ps.getConnection().createArrayOf("text", IndexKeys.matchKeys(criteria).toArray()));
    }

    /** The active profiles that accept the listing's sector, region and budget band, by profile id. */
    public List<BuyerCandidate> candidatesFor(ListingFacts listing) {
        if (listing.askingPrice() == null) {
            return List.of();
        }
        return jdbc.query(CANDIDATES, ps -> ps.setArray(1, ps.getConnection().createArrayOf("text",
                IndexKeys.matchKeys(listing).toArray())), BuyerIndex::candidate);
    }

    /** Every active profile, streamed: what a matcher without the index would have to read (the benchmark's baseline). */
    public void forEachActive(Consumer<BuyerCandidate> action) {
        jdbc.query(con -> {
            // A cursor, not the whole table in memory: needs autocommit off, hence the explicit fetch size.
            var statement = con.prepareStatement(
                    "select profile_id, buyer_id, criteria::text from buyer_index where active order by profile_id");
            statement.setFetchSize(1000);
            return statement;
        }, (RowCallbackHandler) rs -> action.accept(candidate(rs, 0)));
    }

    private static BuyerCandidate candidate(ResultSet rs, int n) throws SQLException {
        return new BuyerCandidate(rs.getString(1), rs.getString(2), criteria(rs.getString(3)));
    }

    private static BuyerCriteria criteria(String json) {
        return EventJson.read(json.getBytes(StandardCharsets.UTF_8), BuyerCriteria.class);
    }
}
