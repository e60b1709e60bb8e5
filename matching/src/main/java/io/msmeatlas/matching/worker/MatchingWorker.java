package io.msmeatlas.matching.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.Topics;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingReturnedToMarket;
import io.msmeatlas.schemas.listing.ListingUpdated;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The matching worker: consumes the listing events and the buyer-profile events and keeps the matches
 * in line with them.
 *
 * <ul>
 *   <li>A listing published, returned to market or updated while live is matched against the profiles
 *       the index names; one that leaves the market (sold, withdrawn, expired, suspended, rejected) has
 *       its matches retracted.</li>
 *   <li>A profile created, resumed or whose criteria changed is matched against the live listings; a
 *       paused one has its matches retracted.</li>
 * </ul>
 *
 * <p>Each record is handled in one PostgreSQL transaction: the index row, the matches' events and
 * their outbox rows commit together, and the offset is committed after (ack mode RECORD). A
 * redelivered event is recognised by its sequence (each index row keeps the last one applied: bounded
 * de-duplication state, one number per listing or profile) and skipped; re-sent commands are no-ops
 * anyway, since match ids derive from (profile, listing). All worker transactions take one PostgreSQL
 * advisory lock, so that a listing and a profile processed at the same time on two instances cannot
 * each miss the other (each would otherwise not see the other's uncommitted row).
 */
class MatchingWorker {

    private static final Logger log = LoggerFactory.getLogger(MatchingWorker.class);
    /** Arbitrary, fixed: the key of the advisory lock every worker transaction holds. */
    private static final long LOCK = 0x6d61746368L;

    private final ListingIndex listings;
    private final BuyerIndex buyers;
    private final Reconciler reconciler;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final Counter applied;
    private final Counter duplicates;

    MatchingWorker(ListingIndex listings, BuyerIndex buyers, Reconciler reconciler, TransactionTemplate transaction,
            JdbcTemplate jdbc, MeterRegistry meters) {
        this.listings = listings;
        this.buyers = buyers;
        this.reconciler = reconciler;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.applied = Counter.builder("matching.events.applied").description("Listing and profile events applied")
                .register(meters);
        this.duplicates = Counter.builder("matching.events.duplicates")
                .description("Redelivered events recognised and skipped").register(meters);
    }

    @KafkaListener(id = "matching-worker", groupId = "${spring.kafka.consumer.group-id}", topics = {Topics.LISTING_EVENTS, Topics.MATCH_EVENTS})
    void on(ConsumerRecord<String, byte[]> record) {
        Optional<Incoming> incoming = Incoming.read(record);
        incoming.ifPresent(in -> transaction.executeWithoutResult(status -> {
            jdbc.query("select pg_advisory_xact_lock(?)", rs -> null, LOCK);
            if (in.event() instanceof ListingEvent event) {
                listing(event, in);
            } else {
                profile((BuyerProfileEvent) in.event(), in);
            }
        }));
    }

    private void listing(ListingEvent event, Incoming in) {
        EventEnvelope envelope = in.envelope();
        ListingRow current = listings.find(event.listingId()).orElse(null);
        if (isDuplicate(current == null ? null : current.lastSequence(), envelope)) {
            return;
        }
        ListingRow next = ListingRow.apply(current, event, envelope.sequence());
        if (next == null) {
            log.warn("Ignoring {} {} for listing {}: {}", envelope.type(), envelope.id(), event.listingId(),
                    current == null ? "never drafted" : "drafted already");
            return;
        }
        listings.save(next);
        applied.increment();
        boolean changesFit = event instanceof ListingPublished || event instanceof ListingReturnedToMarket
                || event instanceof ListingUpdated;
        if (next.live() && changesFit) {
            reconciler.listingChanged(next, in.cause());
        } else if (!next.live() && current != null && current.live()) {
            reconciler.listingClosed(next.listingId(), in.cause());
        }
    }

    private void profile(BuyerProfileEvent event, Incoming in) {
        EventEnvelope envelope = in.envelope();
        ProfileRow current = buyers.find(event.profileId()).orElse(null);
        if (isDuplicate(current == null ? null : current.lastSequence(), envelope)) {
            return;
        }
        ProfileRow next = ProfileRow.apply(current, event, envelope.sequence());
        if (next == null) {
            log.warn("Ignoring {} {} for profile {}: {}", envelope.type(), envelope.id(), event.profileId(),
                    current == null ? "never created" : "created already");
            return;
        }
        buyers.save(next);
        applied.increment();
        boolean changesFit = event instanceof BuyerProfileCreated || event instanceof BuyerProfileResumed
                || (event instanceof BuyerProfileUpdated updated && updated.changedFields().contains("criteria"));
        if (next.active() && changesFit) {
            reconciler.profileChanged(next, in.cause());
        } else if (!next.active() && current != null && current.active()) {
            reconciler.profilePaused(next.profileId(), in.cause());
        }
    }

    /** At or below the last sequence applied: a redelivery (the outbox relay never reorders an aggregate's events). */
    private boolean isDuplicate(Long lastSequence, EventEnvelope envelope) {
        if (lastSequence == null || envelope.sequence() > lastSequence) {
            if (lastSequence != null && envelope.sequence() > lastSequence + 1) {
                log.warn("{} {} has sequence {} after {}: events in between were never seen; applying it anyway",
                        envelope.type(), envelope.id(), envelope.sequence(), lastSequence);
            }
            return false;
        }
        log.debug("Skipping redelivered event {} (sequence {} ≤ {})", envelope.id(), envelope.sequence(), lastSequence);
        duplicates.increment();
        return true;
    }
}
