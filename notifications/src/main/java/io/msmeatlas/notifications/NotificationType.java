package io.msmeatlas.notifications;

/**
 * What a notification is about, with the channels it goes to unless the user chose otherwise. Matches
 * can be many, so they are not emailed by default.
 */
public enum NotificationType {
    MATCH_FOUND(true, false),
    INTEREST_RECEIVED(true, true),
    INTEREST_ACCEPTED(true, true),
    INTEREST_DECLINED(true, true),
    LISTING_PUBLISHED(true, true),
    LISTING_REJECTED(true, true),
    LISTING_SUSPENDED(true, true),
    LISTING_EXPIRED(true, true),
    VALUATION_READY(true, true),
    VALUATION_FAILED(true, true);

    private final boolean inAppByDefault;
    private final boolean emailByDefault;

    NotificationType(boolean inAppByDefault, boolean emailByDefault) {
        this.inAppByDefault = inAppByDefault;
        this.emailByDefault = emailByDefault;
    }

    public Channels defaults() {
        return new Channels(inAppByDefault, emailByDefault);
    }

    /** Which channels are on: the inbox (with live push) and email. */
    public record Channels(boolean inApp, boolean email) {
    }
}
