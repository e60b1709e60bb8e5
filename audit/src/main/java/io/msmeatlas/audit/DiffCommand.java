package io.msmeatlas.audit;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "diff", description = "Which fields changed between two moments, and by which events.")
class DiffCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "aggregate type: listing, user, valuation, buyer-profile (also its matches)")
    String type;

    @Parameters(index = "1", description = "aggregate id")
    String id;

    @Parameters(index = "2", description = "from: ISO-8601 instant or date (UTC); state at that moment")
    String from;

    @Parameters(index = "3", description = "to: ISO-8601 instant or date (UTC)")
    String to;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AggregateType aggregateType = cli.type(type);
        Instant start = AuditCli.moment(from);
        Instant end = AuditCli.moment(to);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("'to' " + end + " is before 'from' " + start);
        }
        List<StoredEvent> events = cli.events(aggregateType, id);
        ObjectNode state = StateFold.empty();
        Map<String, JsonNode> before = null;
        Map<String, List<StoredEvent>> changedBy = new LinkedHashMap<>();
        for (StoredEvent event : events) {
            if (event.time().isAfter(end)) {
                break;
            }
            if (before == null && event.time().isAfter(start)) {
                before = StateFold.flatten(state);
            }
            ObjectNode next = StateFold.apply(aggregateType, state, event);
            if (before != null) {
                for (String field : changedFields(StateFold.flatten(state), StateFold.flatten(next))) {
                    changedBy.computeIfAbsent(field, f -> new ArrayList<>()).add(event);
                }
            }
            state = next;
        }
        Map<String, JsonNode> after = StateFold.flatten(state);
        if (before == null) {
            before = after;
        }
        ObjectNode result = StateFold.empty();
        result.put("type", type);
        result.put("id", id);
        result.put("from", start.toString());
        result.put("to", end.toString());
        ArrayNode changes = result.putArray("changes");
        for (String field : changedFields(before, after)) {
            ObjectNode change = changes.addObject();
            change.put("field", field);
            change.set("before", before.getOrDefault(field, NullNode.getInstance()));
            change.set("after", after.getOrDefault(field, NullNode.getInstance()));
            ArrayNode by = change.putArray("events");
            changedBy.getOrDefault(field, List.of()).forEach(e -> by.add(HistoryCommand.line(e)));
        }
        print(spec.commandLine().getOut(), result);
        return 0;
    }

    private void print(PrintWriter out, ObjectNode result) {
        if (json) {
            AuditCli.printJson(out, result);
        } else {
            out.printf("%s %s: %d field(s) changed between %s and %s%n", type, id, result.get("changes").size(),
                    result.get("from").asString(), result.get("to").asString());
            for (JsonNode change : result.get("changes")) {
                out.printf("  %s: %s -> %s%n", change.get("field").asString(), change.get("before"),
                        change.get("after"));
                for (JsonNode event : change.get("events")) {
                    out.printf("      by #%s %s at %s (user %s, request %s)%n", event.get("sequence"),
                            event.get("type").asString(), event.get("time").asString(),
                            text(event.get("userId")), text(event.get("requestId")));
                }
            }
        }
        out.flush();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "-" : node.asString();
    }

    /** Fields whose value differs, including fields that appeared or disappeared. */
    private static Set<String> changedFields(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        fields.removeIf(field -> Objects.equals(before.get(field), after.get(field)));
        return fields;
    }
}
