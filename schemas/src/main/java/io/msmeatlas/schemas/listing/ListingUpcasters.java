package io.msmeatlas.schemas.listing;

import io.msmeatlas.schemas.EventUpcasters.Upcaster;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads listing events stored or published at schema v1 as v2. v1 details had a free-text sector and
 * one year's {@code annualRevenue} and {@code ebitda}; v2 has an NIC sector, up to three years of
 * financials and the deal type. A v1 listing was always offered whole, so its deal type is
 * {@code FULL_SALE}; what v1 never asked for (confidential identity, investment, the classification,
 * an expiry) stays absent.
 */
public final class ListingUpcasters {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ListingUpcasters() {
    }

    public static List<Upcaster> all() {
        return List.of(
                new Upcaster(ListingDrafted.class, 1, ListingUpcasters::draftedV1),
                new Upcaster(ListingUpdated.class, 1, ListingUpcasters::updatedV1),
                // v2 added approvedBy and expiresAt: a v1 publication has neither, which reads as absent.
                new Upcaster(ListingPublished.class, 1, payload -> payload));
    }

    static ObjectNode draftedV1(ObjectNode payload) {
        payload.set("details", detailsV1((ObjectNode) payload.get("details")));
        return payload;
    }

    static ObjectNode updatedV1(ObjectNode payload) {
        payload.set("details", detailsV1((ObjectNode) payload.get("details")));
        Set<String> changed = new LinkedHashSet<>();
        for (JsonNode field : payload.withArray("changedFields")) {
            String name = field.asString();
            changed.add(name.equals("annualRevenue") || name.equals("ebitda") ? "financials" : name);
        }
        ArrayNode changedFields = NODES.arrayNode();
        changed.forEach(changedFields::add);
        payload.set("changedFields", changedFields);
        return payload;
    }

    private static ObjectNode detailsV1(ObjectNode v1) {
        ObjectNode v2 = v1.deepCopy();
        JsonNode sector = v2.remove("sector");
        if (sector != null) {
            v2.set("sector", NODES.objectNode().put("name", sector.asString()));
        }
        JsonNode revenue = v2.remove("annualRevenue");
        JsonNode ebitda = v2.remove("ebitda");
        ArrayNode financials = NODES.arrayNode();
        if (revenue != null || ebitda != null) {
            ObjectNode year = NODES.objectNode();
            if (revenue != null) {
                year.set("revenue", revenue);
            }
            if (ebitda != null) {
                year.set("ebitda", ebitda);
            }
            financials.add(year);
        }
        v2.set("financials", financials);
        v2.put("dealType", ListingDetails.DealType.FULL_SALE.name());
        return v2;
    }
}
