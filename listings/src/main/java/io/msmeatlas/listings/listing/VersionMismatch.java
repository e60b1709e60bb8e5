package io.msmeatlas.listings.listing;

/** The client's If-Match names another version than the listing's: 412, nothing stored. */
class VersionMismatch extends RuntimeException {

    private final long currentVersion;

    VersionMismatch(long expectedVersion, long currentVersion) {
        super("The listing is at version " + currentVersion + ", not " + expectedVersion + ".");
        this.currentVersion = currentVersion;
    }

    long currentVersion() {
        return currentVersion;
    }
}
