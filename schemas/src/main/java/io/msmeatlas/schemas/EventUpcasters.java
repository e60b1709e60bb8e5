package io.msmeatlas.schemas;

import io.msmeatlas.schemas.listing.ListingUpcasters;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a payload written at an older schema version of its type into the current version, one
 * version at a step. Every consumer reads through here: the Kafka consumers by {@code ce_dataversion},
 * the event store (through Axon's upcaster chain) by the stored payload revision, and the audit tool.
 * A version bump without an upcaster for the version before it fails at class loading.
 */
public final class EventUpcasters {

    /** Turns a payload of {@code type} at {@code fromVersion} into {@code fromVersion + 1}. */
    public record Upcaster(Class<?> type, int fromVersion, UnaryOperator<ObjectNode> step) {
    }

    private static final Map<String, Upcaster> STEPS = new HashMap<>();

    static {
        ListingUpcasters.all().forEach(EventUpcasters::register);
        for (EventContract contract : EventContracts.all()) {
            for (int version = 1; version < contract.version(); version++) {
                if (!STEPS.containsKey(key(contract.javaType(), version))) {
                    throw new IllegalStateException("No upcaster from " + contract.name() + " v" + version);
                }
            }
        }
    }

    private EventUpcasters() {
    }

    private static void register(Upcaster upcaster) {
        STEPS.put(key(upcaster.type(), upcaster.fromVersion()), upcaster);
    }

    /**
     * The payload as the current version of its contract. It may be changed in place. A version newer
     * than this build knows is refused: reading it as an older one could silently drop data.
     */
    public static ObjectNode toCurrent(EventContract contract, int version, ObjectNode payload) {
        if (version > contract.version()) {
            throw new IllegalArgumentException(contract.name() + " v" + version + " is newer than this build's v"
                    + contract.version());
        }
        if (version < 1) {
            throw new IllegalArgumentException(contract.name() + " has no schema version " + version);
        }
        ObjectNode current = payload;
        for (int v = version; v < contract.version(); v++) {
            current = STEPS.get(key(contract.javaType(), v)).step().apply(current);
        }
        return current;
    }

    private static String key(Class<?> type, int fromVersion) {
        return type.getName() + ":" + fromVersion;
    }
}
