package io.msmeatlas.notifications.intake;

import io.msmeatlas.notifications.Draft;
import io.msmeatlas.notifications.NotificationType;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.listing.ListingExpired;
import io.msmeatlas.schemas.listing.ListingPublished;
import io.msmeatlas.schemas.listing.ListingRejected;
import io.msmeatlas.schemas.listing.ListingSuspended;
import io.msmeatlas.schemas.match.InterestAccepted;
import io.msmeatlas.schemas.match.InterestDeclined;
import io.msmeatlas.schemas.match.InterestExpressed;
import io.msmeatlas.schemas.match.ListingSummary;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.match.MatchProposed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Which notifications an event makes, for whom, and what they say. Pure: the listing owners are looked
 * up through the function it is given. Events nobody needs to hear about (a re-score, a retraction,
 * the revealed contacts, which the acceptance announces) make none.
 */
final class Planner {

    private final Function<String, Optional<ListingOwners.Owner>> owners;

    Planner(Function<String, Optional<ListingOwners.Owner>> owners) {
        this.owners = owners;
    }

    List<Draft> match(MatchEvent event, String eventId) {
        if (event instanceof MatchProposed proposed) {
            ListingSummary listing = proposed.listing();
            String reasons = String.join("; ", proposed.reasons().subList(0, Math.min(3, proposed.reasons().size())));
            return List.of(new Draft(proposed.buyerId(), eventId, NotificationType.MATCH_FOUND,
                    "New match: " + listing.title(),
                    listing.title() + " (" + listing.city() + ", " + listing.state() + ", asking "
                            + Money.inr(listing.askingPrice()) + ") matches your profile with a score of "
                            + proposed.score().toPlainString() + (reasons.isEmpty() ? "." : ": " + reasons + "."),
                    matchLink(proposed.matchId()),
                    Map.of("matchId", proposed.matchId(), "listingId", proposed.listingId(),
                            "score", proposed.score().toPlainString())));
        }
        if (event instanceof InterestExpressed expressed) {
            String title = title(expressed.listingId(), "your listing");
            String message = expressed.message() == null ? "" : " Their message: \u201c" + expressed.message() + "\u201d";
            return List.of(new Draft(expressed.sellerId(), eventId, NotificationType.INTEREST_RECEIVED,
                    "A buyer is interested in " + title,
                    "A buyer matched to " + title + " asks for access to its details." + message
                            + " Accept to share the business's name and your contact, or decline.",
                    matchLink(expressed.matchId()), data(expressed.matchId(), expressed.listingId())));
        }
        if (event instanceof InterestAccepted accepted) {
            String title = title(accepted.listingId(), "the listing");
            return List.of(new Draft(accepted.buyerId(), eventId, NotificationType.INTEREST_ACCEPTED,
                    "Your interest in " + title + " was accepted",
                    "The seller of " + title + " accepted your interest. The business's legal name and the seller's "
                            + "contact details are now on the match.",
                    matchLink(accepted.matchId()), data(accepted.matchId(), accepted.listingId())));
        }
        if (event instanceof InterestDeclined declined) {
            String title = title(declined.listingId(), "the listing");
            return List.of(new Draft(declined.buyerId(), eventId, NotificationType.INTEREST_DECLINED,
                    "Your interest in " + title + " was declined",
                    "The seller of " + title + " declined your interest"
                            + (declined.reason() == null ? "." : ": " + declined.reason()),
                    matchLink(declined.matchId()), data(declined.matchId(), declined.listingId())));
        }
        return List.of();
    }

    /** Moderation and expiry, to the listing's seller. */
    List<Draft> listing(ListingEvent event, String eventId) {
        NotificationType type;
        String title;
        String body;
        ListingOwners.Owner owner;
        if (event instanceof ListingPublished) {
            owner = owner(event.listingId());
            type = NotificationType.LISTING_PUBLISHED;
            title = owner.title() + " is live";
            body = "Your listing " + owner.title() + " is published and buyers can find it.";
        } else if (event instanceof ListingRejected rejected) {
            owner = owner(event.listingId());
            type = NotificationType.LISTING_REJECTED;
            title = owner.title() + " needs changes";
            body = "An administrator did not approve your listing " + owner.title() + ": " + rejected.reason()
                    + ". Change it and submit it again.";
        } else if (event instanceof ListingSuspended suspended) {
            owner = owner(event.listingId());
            type = NotificationType.LISTING_SUSPENDED;
            title = owner.title() + " was suspended";
            body = "An administrator took your listing " + owner.title() + " off the market: " + suspended.reason()
                    + ".";
        } else if (event instanceof ListingExpired) {
            owner = owner(event.listingId());
            type = NotificationType.LISTING_EXPIRED;
            title = owner.title() + " has expired";
            body = "Your listing " + owner.title() + " reached its expiry date and buyers no longer see it. "
                    + "Submit it again to put it back on the market.";
        } else {
            return List.of();
        }
        return List.of(new Draft(owner.sellerId(), eventId, type, title, body, "/api/msme/listings/" + event.listingId(),
                Map.of("listingId", event.listingId())));
    }

    /**
     * The valuation service's events, read by field name from the JSON (its records are that service's
     * to change): a completed or overridden valuation, or one that could not be made, to the seller.
     */
    List<Draft> valuation(String ceType, JsonNode payload, String eventId) {
        String name = ceType.substring(ceType.lastIndexOf('.') + 1);
        String listingId = text(payload, "listingId");
        if (listingId == null) {
            throw new PoisonRecord("Valuation event " + eventId + " names no listingId", null);
        }
        NotificationType type;
        String body;
        ListingOwners.Owner owner;
        switch (name) {
            case "ValuationCompleted" -> {
                owner = owner(listingId);
                type = NotificationType.VALUATION_READY;
                body = "Your listing " + owner.title() + " is valued at " + Money.inr(amount(payload, "low")) + " to "
                        + Money.inr(amount(payload, "high")) + ", most likely " + Money.inr(amount(payload, "mid"))
                        + ".";
            }
            case "ValuationOverridden" -> {
                owner = owner(listingId);
                type = NotificationType.VALUATION_READY;
                body = "An administrator set the valuation of your listing " + owner.title() + " to "
                        + Money.inr(amount(payload, "value")) + Optional.ofNullable(text(payload, "note"))
                                .map(note -> ": " + note).orElse("") + ".";
            }
            case "ValuationFailed" -> {
                owner = owner(listingId);
                type = NotificationType.VALUATION_FAILED;
                body = "Your listing " + owner.title() + " could not be valued"
                        + Optional.ofNullable(text(payload, "reason")).map(reason -> ": " + reason).orElse("") + ".";
            }
            default -> {
                return List.of();
            }
        }
        String title = type == NotificationType.VALUATION_READY ? "Valuation ready for " + owner.title()
                : owner.title() + " could not be valued";
        return List.of(new Draft(owner.sellerId(), eventId, type, title, body, "/api/msme/listings/" + listingId,
                Map.of("listingId", listingId)));
    }

    private ListingOwners.Owner owner(String listingId) {
        ListingOwners.Owner owner = owners.apply(listingId).orElseThrow(() -> new RecipientUnknown(
                "The seller of listing " + listingId + " is not known yet"));
        return owner.title() == null ? new ListingOwners.Owner(owner.sellerId(), "your listing") : owner;
    }

    private String title(String listingId, String otherwise) {
        return owners.apply(listingId).map(ListingOwners.Owner::title).orElse(otherwise);
    }

    private static String matchLink(String matchId) {
        return "/api/matchmaking/matches/" + matchId;
    }

    private static Map<String, Object> data(String matchId, String listingId) {
        return Map.of("matchId", matchId, "listingId", listingId);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static BigDecimal amount(JsonNode payload, String field) {
        String value = text(payload, field);
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
