package io.msmeatlas.schemas;

import io.msmeatlas.schemas.buyer.BuyerProfileEvent;
import io.msmeatlas.schemas.listing.ListingEvent;
import io.msmeatlas.schemas.match.MatchEvent;
import io.msmeatlas.schemas.user.UserEvent;
import io.msmeatlas.schemas.valuation.ValuationEvent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The registry of every published event type, derived from the sealed event interfaces. */
public final class EventContracts {

    private static final Map<Class<?>, EventContract> BY_JAVA_TYPE = new LinkedHashMap<>();
    private static final Map<String, EventContract> BY_CE_TYPE = new LinkedHashMap<>();

    static {
        register("listing", ListingEvent.class);
        register("user", UserEvent.class);
        register("valuation", ValuationEvent.class);
        register("buyer", BuyerProfileEvent.class);
        register("match", MatchEvent.class);
    }

    private EventContracts() {
    }

    private static void register(String context, Class<?> sealedEventType) {
        for (Class<?> type : sealedEventType.getPermittedSubclasses()) {
            SchemaVersion version = type.getAnnotation(SchemaVersion.class);
            if (version == null) {
                throw new IllegalStateException(type.getName() + " has no @SchemaVersion");
            }
            EventContract contract = new EventContract(context, type, version.value());
            BY_JAVA_TYPE.put(type, contract);
            BY_CE_TYPE.put(contract.ceType(), contract);
        }
    }

    public static EventContract of(Class<?> javaType) {
        EventContract contract = BY_JAVA_TYPE.get(javaType);
        if (contract == null) {
            throw new IllegalArgumentException("Not a published event type: " + javaType.getName());
        }
        return contract;
    }

    public static Optional<EventContract> forCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    public static Collection<EventContract> all() {
        return BY_JAVA_TYPE.values();
    }
}
