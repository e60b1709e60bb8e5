package io.msmeatlas.audit;

import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.Topics;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Audit of the event stores and their Kafka topics, read only, and the operators' rebuild of the read
 * models (which changes nothing without {@code --yes}). Connection options go before the subcommand:
 * {@code audit --jdbc-url ... verify}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, version = "audit 0.1.0",
        description = "History, point-in-time state, hash-chain and Kafka verification, export of stored events, "
                + "and rebuilds of the read models.",
        subcommands = {HistoryCommand.class, AsOfCommand.class, DiffCommand.class, VerifyCommand.class,
            ExportCommand.class, ImportCommand.class, RebuildCommand.class, DeadLettersCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no discrepancy", "1:discrepancies found (verify, import)",
            "2:usage error, unknown aggregate, or a database/Kafka failure"})
public class AuditCli {

    static final int DISCREPANCIES = 1;
    static final int FAILED = 2;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://localhost:5432/msmeatlas",
            description = "PostgreSQL holding the services' schemas (default: ${DEFAULT-VALUE})")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "default: ${DEFAULT-VALUE}")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:DATABASE_PASSWORD:-}",
            description = "default: $DATABASE_PASSWORD")
    String dbPassword;

    @Option(names = "--kafka", defaultValue = "localhost:9092", description = "bootstrap servers (default: ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--kafka-property", description = "extra consumer property, e.g. security.protocol=SSL")
    Map<String, String> kafkaProperties = new HashMap<>();

    final Map<String, AggregateType> types;

    public AuditCli() {
        this(AggregateType.ALL);
    }

    /** Tests point the same types at their own schemas and topics. */
    AuditCli(Map<String, AggregateType> types) {
        this.types = types;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new AuditCli()).execute(args));
    }

    static CommandLine commandLine(AuditCli cli) {
        return new CommandLine(cli).setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("audit: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        }).setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return FAILED;
        });
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword == null ? "" : dbPassword);
        connection.setReadOnly(true);
        return connection;
    }

    /** Every stored event of one aggregate, in order. */
    List<StoredEvent> events(AggregateType type, String id) throws SQLException {
        try (Connection connection = connect()) {
            return new EventStore(connection).aggregate(type, id);
        }
    }

    AggregateType type(String name) {
        AggregateType type = types.get(name);
        if (type == null) {
            throw new IllegalArgumentException("Unknown aggregate type '" + name + "'; known: " + types.keySet());
        }
        return type;
    }

    /** Where Kafka is and how to connect (the extra properties), for every client. */
    Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put("bootstrap.servers", kafka);
        return config;
    }

    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put("bootstrap.servers", kafka);
        config.put("enable.auto.commit", "false");
        config.putAll(Topics.SUBSCRIBER_CONFIG);
        config.put("default.api.timeout.ms", "15000");
        config.put("request.timeout.ms", "10000");
        return config;
    }

    /** An ISO-8601 instant ({@code 2026-03-01T10:15:30Z}) or a date, meaning its start in UTC. */
    static Instant moment(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not an ISO-8601 instant or date: " + text);
            }
        }
    }

    static void printJson(PrintWriter out, Object node) {
        out.println(EventJson.mapper().writeValueAsString(node));
    }
}
