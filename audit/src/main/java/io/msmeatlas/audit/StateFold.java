package io.msmeatlas.audit;

import io.msmeatlas.schemas.EventJson;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generic, data-driven fold: the state is the union of the events' payload fields, later events
 * overwriting earlier ones (ListingUpdated carries the full details, so this is exact for listings),
 * plus the status and accumulated fields the {@link AggregateType} names.
 */
final class StateFold {

    private StateFold() {
    }

    static ObjectNode empty() {
        return EventJson.mapper().createObjectNode();
    }

    static ObjectNode apply(AggregateType type, ObjectNode state, StoredEvent event) {
        ObjectNode next = state.deepCopy();
        for (Map.Entry<String, JsonNode> field : event.data().properties()) {
            String name = field.getKey();
            if (type.ignoredFields().contains(name)) {
                continue;
            }
            String collection = type.accumulated().get(name);
            if (collection != null) {
                ArrayNode values = next.has(collection) ? (ArrayNode) next.get(collection) : next.putArray(collection);
                if (!contains(values, field.getValue())) {
                    values.add(field.getValue());
                }
            } else {
                next.set(name, field.getValue());
            }
        }
        String status = type.statusByEvent().get(event.name());
        if (status != null) {
            next.put("status", status);
        }
        return next;
    }

    /** Leaf values by dotted path ({@code details.askingPrice}); arrays count as one value. */
    static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), leaves);
            }
        } else {
            leaves.put(prefix, node);
        }
    }

    private static boolean contains(ArrayNode values, JsonNode value) {
        for (Iterator<JsonNode> it = values.iterator(); it.hasNext(); ) {
            if (it.next().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
