package io.msmeatlas.notifications.intake;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who sells each listing and its title ({@code listing_owner}), kept from the listing events: the
 * moderation and valuation events name the listing only. An older event never overwrites a newer title.
 */
class ListingOwners {

    record Owner(String sellerId, String title) {
    }

    private final JdbcTemplate jdbc;

    ListingOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Owner> of(String listingId) {
        return jdbc.query("select seller_id, title from listing_owner where listing_id = ?",
                (rs, n) -> new Owner(rs.getString(1), rs.getString(2)), listingId).stream().findFirst();
    }

    void drafted(String listingId, String sellerId, String title, long sequence) {
        jdbc.update("""
                insert into listing_owner (listing_id, seller_id, title, last_sequence) values (?, ?, ?, ?)
                on conflict (listing_id) do nothing""", listingId, sellerId, title, sequence);
    }

    void retitled(String listingId, String title, long sequence) {
        jdbc.update("update listing_owner set title = ?, last_sequence = ? where listing_id = ? and last_sequence < ?",
                title, sequence, listingId, sequence);
    }
}
