package io.msmeatlas.audit;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "history", description = "Every event of one aggregate in order, with who issued the command.")
class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "aggregate type: listing, user, valuation, buyer-profile (also its matches)")
    String type;

    @Parameters(index = "1", description = "aggregate id")
    String id;

    @Option(names = "--json", description = "JSON Lines, one event per line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AggregateType aggregateType = cli.type(type);
        PrintWriter out = spec.commandLine().getOut();
        List<StoredEvent> events = cli.events(aggregateType, id);
        if (events.isEmpty()) {
            spec.commandLine().getErr().println("No " + type + " " + id + " in schema " + aggregateType.schema());
            return AuditCli.DISCREPANCIES;
        }
        for (StoredEvent event : events) {
            if (json) {
                AuditCli.printJson(out, line(event));
            } else {
                out.printf("%s  #%d  %s v%s  by %s  request %s%s%n", event.time(), event.sequence(),
                        event.name(), version(event), orDash(event.meta("userId")),
                        orDash(event.meta("requestId")), correlation(event));
            }
        }
        out.flush();
        return 0;
    }

    static ObjectNode line(StoredEvent event) {
        ObjectNode line = StateFold.empty();
        line.put("time", event.time().toString());
        line.put("sequence", event.sequence());
        line.put("type", event.name());
        line.put("schemaVersion", version(event));
        line.put("eventId", event.eventId());
        line.put("userId", event.meta("userId"));
        line.put("requestId", event.meta("requestId"));
        line.put("correlationId", event.meta("correlationId"));
        return line;
    }

    /** The version it was stored at; upcast when read, so "1→2" says an old event is shown as the current version. */
    private static String version(StoredEvent event) {
        return event.contract().map(c -> c.version() == event.storedVersion() ? Integer.toString(c.version())
                : event.storedVersion() + "→" + c.version()).orElse("?");
    }

    private static String correlation(StoredEvent event) {
        String correlationId = event.meta("correlationId");
        return correlationId == null ? "" : "  correlation " + correlationId;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
