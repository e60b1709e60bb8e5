package io.msmeatlas.matching.profile;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.msmeatlas.matching.web.CommandOutcome;
import io.msmeatlas.matching.web.NotAllowed;
import io.msmeatlas.matching.web.VersionMismatch;
import io.msmeatlas.schemas.buyer.BuyerContact;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerProfileCreated;
import io.msmeatlas.schemas.buyer.BuyerProfilePaused;
import io.msmeatlas.schemas.buyer.BuyerProfileResumed;
import io.msmeatlas.schemas.buyer.BuyerProfileUpdated;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A buyer's acquisition criteria. Only its buyer changes it (checked here, so no path around the
 * controller skips it). Repeating what the profile already is (the same criteria, pausing a paused
 * profile) stores nothing, so retries are safe. Handlers return the version and status.
 */
@Aggregate
class BuyerProfile {

    @AggregateIdentifier
    private String id;
    private String buyerId;
    private String name;
    private BuyerCriteria criteria;
    private BuyerContact contact;
    private ProfileStatus status;
    private long version;

    BuyerProfile() {
        // for Axon
    }

    @CommandHandler
    BuyerProfile(CreateBuyerProfile command) {
        ValidProfile profile = command.profile();
        apply(new BuyerProfileCreated(command.profileId(), command.buyerId(), profile.name(), profile.criteria(),
                profile.contact()));
    }

    @CommandHandler
    CommandOutcome handle(UpdateBuyerProfile command) {
        requireOwner(command.requestedBy());
        VersionMismatch.require(command.expectedVersion(), version);
        long before = version;
        ValidProfile next = command.profile();
        List<String> changed = new ArrayList<>(3);
        if (!name.equals(next.name())) {
            changed.add("name");
        }
        if (!criteria.equals(next.criteria())) {
            changed.add("criteria");
        }
        if (!Objects.equals(contact, next.contact())) {
            changed.add("contact");
        }
        if (!changed.isEmpty()) {
            apply(new BuyerProfileUpdated(id, next.name(), next.criteria(), next.contact(), changed));
        }
        return outcome(before);
    }

    @CommandHandler
    CommandOutcome handle(PauseBuyerProfile command) {
        requireOwner(command.requestedBy());
        VersionMismatch.require(command.expectedVersion(), version);
        long before = version;
        if (status == ProfileStatus.ACTIVE) {
            apply(new BuyerProfilePaused(id));
        }
        return outcome(before);
    }

    @CommandHandler
    CommandOutcome handle(ResumeBuyerProfile command) {
        requireOwner(command.requestedBy());
        VersionMismatch.require(command.expectedVersion(), version);
        long before = version;
        if (status == ProfileStatus.PAUSED) {
            apply(new BuyerProfileResumed(id));
        }
        return outcome(before);
    }

    private void requireOwner(String userId) {
        if (!buyerId.equals(userId)) {
            throw new NotAllowed("Only the buyer who owns this profile may change it.");
        }
    }

    private CommandOutcome outcome(long before) {
        return new CommandOutcome(version, status.name(), null, version != before);
    }

    @EventSourcingHandler
    void on(BuyerProfileCreated event) {
        id = event.profileId();
        buyerId = event.buyerId();
        name = event.name();
        criteria = event.criteria();
        contact = event.contact();
        status = ProfileStatus.ACTIVE;
        version++;
    }

    @EventSourcingHandler
    void on(BuyerProfileUpdated event) {
        name = event.name();
        criteria = event.criteria();
        contact = event.contact();
        version++;
    }

    @EventSourcingHandler
    void on(BuyerProfilePaused event) {
        status = ProfileStatus.PAUSED;
        version++;
    }

    @EventSourcingHandler
    void on(BuyerProfileResumed event) {
        status = ProfileStatus.ACTIVE;
        version++;
    }
}
