package io.msmeatlas.audit;

import io.msmeatlas.outbox.HashChain;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventEnvelope;
import io.msmeatlas.schemas.EventJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Lines, one stored event per line: the CloudEvents attributes, {@code data} in the public
 * contract form (upcast to the current version), and what the chain needs to be checked offline
 * ({@code payloadtype}, {@code storedversion}, the payload
 * bytes as stored in {@code storedpayload} (base64), {@code previoushash}, {@code hash}).
 */
@Command(name = "export", description = "Stored events as JSON Lines: one aggregate, or a time range.")
class ExportCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--type", description = "aggregate type; all types when omitted with --from/--to")
    String type;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static class Selection {
        @Option(names = "--id", required = true, description = "one aggregate (needs --type)")
        String id;

        @ArgGroup(exclusive = false)
        Range range;
    }

    static class Range {
        @Option(names = "--from", required = true, description = "stored at or after (ISO-8601 instant or date)")
        String from;

        @Option(names = "--to", required = true, description = "stored before (ISO-8601 instant or date)")
        String to;
    }

    @Option(names = "--out", description = "file to write; stdout when omitted")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<ObjectNode> lines = new ArrayList<>();
        try (Connection connection = cli.connect()) {
            EventStore store = new EventStore(connection);
            if (selection.id != null) {
                if (type == null) {
                    throw new IllegalArgumentException("--id needs --type");
                }
                AggregateType aggregateType = cli.type(type);
                lines.addAll(lines(store, aggregateType, store.aggregate(aggregateType, selection.id)));
            } else {
                Instant from = AuditCli.moment(selection.range.from);
                Instant to = AuditCli.moment(selection.range.to);
                for (AggregateType aggregateType : type == null ? cli.types.values() : List.of(cli.type(type))) {
                    lines.addAll(lines(store, aggregateType, store.between(aggregateType, from, to)));
                }
            }
        }
        if (out == null) {
            PrintWriter writer = spec.commandLine().getOut();
            lines.forEach(line -> AuditCli.printJson(writer, line));
            writer.flush();
        } else {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(EventJson.mapper().writeValueAsString(line))
                    .append('\n'));
            Files.writeString(out, text, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("Wrote " + lines.size() + " events to " + out);
        }
        return 0;
    }

    private static List<ObjectNode> lines(EventStore store, AggregateType type, List<StoredEvent> events)
            throws SQLException {
        Map<String, StoredEvent> lastByAggregate = new HashMap<>();
        List<ObjectNode> lines = new ArrayList<>();
        for (StoredEvent event : events) {
            StoredEvent last = lastByAggregate.put(event.aggregateId(), event);
            byte[] previous;
            if (event.hash() == null) {
                previous = null;
            } else if (last != null && last.sequence() == event.sequence() - 1) {
                previous = last.hash() == null ? HashChain.GENESIS : last.hash();
            } else {
                // Same rule as the storage engine: the predecessor's hash, or genesis when it has none.
                previous = event.sequence() == 0 ? HashChain.GENESIS
                        : store.hash(type, event.aggregateId(), event.sequence() - 1).orElse(HashChain.GENESIS);
            }
            lines.add(line(type, event, previous));
        }
        return lines;
    }

    static ObjectNode line(AggregateType type, StoredEvent event, byte[] previousHash) {
        ObjectNode line = StateFold.empty();
        line.put("aggregatetype", type.name());
        line.put("specversion", EventEnvelope.SPEC_VERSION);
        line.put("id", event.eventId());
        EventContract contract = event.contract().orElse(null);
        line.put("type", contract == null ? event.payloadType() : contract.ceType());
        line.put("subject", event.aggregateId());
        line.put("time", event.time().toString());
        if (contract != null) {
            line.put("dataschema", contract.dataSchema());
            line.put("dataversion", contract.version());
        }
        line.put("sequence", event.sequence());
        line.put("correlationid", event.meta("requestId"));
        line.put("userid", event.meta("userId"));
        line.put("payloadtype", event.payloadType());
        line.put("storedversion", event.storedVersion());
        line.put("storedpayload", Base64.getEncoder().encodeToString(event.payload()));
        line.put("previoushash", previousHash == null ? null : VerifyCommand.hex(previousHash));
        line.put("hash", event.hash() == null ? null : VerifyCommand.hex(event.hash()));
        line.set("data", event.data());
        return line;
    }
}
