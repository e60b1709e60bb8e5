package io.msmeatlas.audit;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "as-of", description = "The aggregate's state at a moment, rebuilt from its events (JSON).")
class AsOfCommand implements Callable<Integer> {

    @ParentCommand
    AuditCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "aggregate type: listing, user, valuation, buyer-profile (also its matches)")
    String type;

    @Parameters(index = "1", description = "aggregate id")
    String id;

    @Parameters(index = "2", description = "ISO-8601 instant or date (UTC)")
    String timestamp;

    @Override
    public Integer call() throws Exception {
        AggregateType aggregateType = cli.type(type);
        Instant at = AuditCli.moment(timestamp);
        List<StoredEvent> events = cli.events(aggregateType, id);
        List<StoredEvent> upTo = events.stream().filter(e -> !e.time().isAfter(at)).toList();
        if (upTo.isEmpty()) {
            spec.commandLine().getErr().println(type + " " + id + " did not exist at " + at);
            return AuditCli.DISCREPANCIES;
        }
        ObjectNode state = StateFold.empty();
        for (StoredEvent event : upTo) {
            state = StateFold.apply(aggregateType, state, event);
        }
        StoredEvent last = upTo.get(upTo.size() - 1);
        ObjectNode result = StateFold.empty();
        result.put("type", type);
        result.put("id", id);
        result.put("asOf", at.toString());
        result.put("version", upTo.size());
        result.set("lastEvent", HistoryCommand.line(last));
        result.set("state", state);
        AuditCli.printJson(spec.commandLine().getOut(), result);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
