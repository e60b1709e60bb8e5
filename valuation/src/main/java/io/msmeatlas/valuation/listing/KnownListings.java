package io.msmeatlas.valuation.listing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code known_listing} table: one row per listing seen on {@code msme.listing.events}. An event
 * changes its row only if its {@code ce_sequence} is higher than the one recorded, so redelivered and
 * out-of-order events leave it as it is. {@code valued_version} lets the worker skip listing versions
 * already valued without scoring them (the Valuation aggregate still decides).
 */
@Component
public class KnownListings {

    private static final String UPSERT = """
            insert into known_listing (listing_id, seller_id, status, sequence) values (?, ?, ?, ?)
            on conflict (listing_id) do update
               set seller_id = coalesce(excluded.seller_id, known_listing.seller_id),
                   status = coalesce(excluded.status, known_listing.status),
                   sequence = excluded.sequence
             where known_listing.sequence < excluded.sequence""";

    private final JdbcTemplate jdbc;

    public KnownListings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One listing event: {@code sellerId} and {@code status} null when the event does not set them. */
    public record Change(String listingId, String sellerId, String status, long sequence) {
    }

    public void apply(List<Change> changes) {
        if (!changes.isEmpty()) {
            jdbc.batchUpdate(UPSERT, changes.stream()
                    .map(c -> new Object[] {c.listingId(), c.sellerId(), c.status(), c.sequence()}).toList());
        }
    }

    public Optional<KnownListing> find(String listingId) {
        return jdbc.query("select listing_id, seller_id, status, sequence, valued_version from known_listing where listing_id = ?",
                (rs, n) -> new KnownListing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getObject(5, Long.class)), listingId).stream().findFirst();
    }

    /** The version last valued of each of these listings that has one. */
    public Map<String, Long> valuedVersions(Collection<String> listingIds) {
        Map<String, Long> versions = new HashMap<>();
        if (listingIds.isEmpty()) {
            return versions;
        }
        jdbc.query("select listing_id, valued_version from known_listing where listing_id = any(?) and valued_version is not null",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", listingIds.toArray())),
                rs -> {
                    versions.put(rs.getString(1), rs.getLong(2));
                });
        return versions;
    }

    public void markValued(String listingId, long listingVersion) {
        jdbc.update("""
                update known_listing set valued_version = ?
                 where listing_id = ? and (valued_version is null or valued_version < ?)""",
                listingVersion, listingId, listingVersion);
    }
}
