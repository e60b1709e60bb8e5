package io.msmeatlas.matching.worker;

import io.msmeatlas.matching.scoring.IndexKeys;
import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.listing.ListingDetails;
import io.msmeatlas.schemas.listing.UdyamClassification;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The listings as matching knows them ({@code listing_index}), and the live ones a profile may match,
 * found by section, region and price band rather than by reading every listing.
 */
public class ListingIndex {

    private static final String UPSERT = """
            insert into listing_index (listing_id, seller_id, status, last_sequence, details, classification,
                                       section, state, city_key, price_band)
            values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?)
            on conflict (listing_id) do update set
                seller_id = excluded.seller_id, status = excluded.status, last_sequence = excluded.last_sequence,
                details = excluded.details, classification = excluded.classification, section = excluded.section,
                state = excluded.state, city_key = excluded.city_key, price_band = excluded.price_band""";
    private static final String COLUMNS = """
            select listing_id, seller_id, status, last_sequence, details::text, classification::text
              from listing_index""";
    private static final String LIVE = " where status in ('PUBLISHED', 'UNDER_OFFER')";

    private final JdbcTemplate jdbc;

    public ListingIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ListingRow> find(String listingId) {
        return jdbc.query(COLUMNS + " where listing_id = ?", ListingIndex::row, listingId).stream().findFirst();
    }

    public void save(ListingRow row) {
        ListingFacts facts = row.facts();
        jdbc.update(UPSERT, row.listingId(), row.sellerId(), row.status(), row.lastSequence(),
                json(row.details()), row.classification() == null ? null : json(row.classification()),
                facts.section(), facts.state(), facts.city() == null ? null : IndexKeys.cityKey(facts.city()),
                facts.askingPrice() == null ? null : IndexKeys.band(facts.askingPrice()));
    }

    /**
     * The live listings that can pass the profile's hard criteria: in one of its sections (or any), in
     * one of its states or cities (or anywhere), in one of its budget bands. A superset of the matches;
     * {@link io.msmeatlas.matching.scoring.MatchScorer} decides.
     */
    public List<ListingFacts> candidatesFor(BuyerCriteria criteria) {
        List<String> sections = IndexKeys.sectorKeys(criteria);
        List<String> regions = IndexKeys.regionKeys(criteria);
        boolean anySector = sections.contains(IndexKeys.ANY);
        boolean anyRegion = regions.contains(IndexKeys.ANY);
        return jdbc.query(COLUMNS + LIVE + """
                   and (? or section = any(?))
                   and (? or state = any(?) or city_key = any(?))
                   and price_band = any(?)
                 order by listing_id""", ps -> {
                    ps.setBoolean(1, anySector);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", sections.toArray()));
                    ps.setBoolean(3, anyRegion);
                    ps.setArray(4, ps.getConnection().createArrayOf("text", regions.toArray()));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", regions.toArray()));
                    ps.setArray(6, ps.getConnection().createArrayOf("int4",
                            IndexKeys.budgetBands(criteria).toArray()));
                }, (rs, n) -> row(rs, n).facts());
    }

    private static ListingRow row(ResultSet rs, int n) throws SQLException {
        String classification = rs.getString(6);
        return new ListingRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                EventJson.read(rs.getString(5).getBytes(StandardCharsets.UTF_8), ListingDetails.class),
                classification == null ? null
                        : EventJson.read(classification.getBytes(StandardCharsets.UTF_8), UdyamClassification.class));
    }

    static String json(Object value) {
        return new String(EventJson.write(value), StandardCharsets.UTF_8);
    }
}
