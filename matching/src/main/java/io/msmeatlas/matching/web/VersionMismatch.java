package io.msmeatlas.matching.web;

/** The client's If-Match names another version than the aggregate's: 412, nothing stored. */
public class VersionMismatch extends RuntimeException {

    private final long currentVersion;

    public VersionMismatch(long expectedVersion, long currentVersion) {
        super("At version " + currentVersion + ", not " + expectedVersion + ".");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }

    /** Checked inside the aggregate, under its lock, so that the check and the append are atomic. */
    public static void require(Long expectedVersion, long version) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new VersionMismatch(expectedVersion, version);
        }
    }
}
