package io.msmeatlas.audit;

import io.msmeatlas.outbox.HashChain;
import io.msmeatlas.schemas.EventContract;
import io.msmeatlas.schemas.EventContracts;
import io.msmeatlas.schemas.EventJson;
import io.msmeatlas.schemas.EventSchemaValidator;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates an export file offline: JSON Schemas, payload against its stored bytes, and the hash chain.
 * Writing into a live event store is deliberately not offered (it would bypass the aggregates).
 */
@Command(name = "import", description = "Validate an export file (--dry-run); importing into a live store is refused.")
class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "validate only (the only mode)")
    boolean dryRun;

    @Parameters(index = "0", description = "JSON Lines file written by export")
    Path file;

    private record Link(long sequence, String hash) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!dryRun) {
            spec.commandLine().getErr().println("import: only --dry-run is supported; importing into a live event "
                    + "store is out of scope (it would bypass the aggregates' rules and the outbox)");
            return AuditCli.FAILED;
        }
        EventSchemaValidator validator = new EventSchemaValidator();
        Map<String, Link> lastBySubject = new HashMap<>();
        List<String> errors = new ArrayList<>();
        int lines = 0;
        int unchained = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                lines++;
                if (text.isBlank()) {
                    continue;
                }
                List<String> problems = new ArrayList<>();
                try {
                    unchained += check(EventJson.mapper().readTree(text), validator, lastBySubject, problems);
                } catch (JacksonException | IllegalArgumentException | DateTimeException e) {
                    problems.add("unreadable: " + e.getMessage());
                }
                for (String problem : problems) {
                    errors.add("line " + lines + ": " + problem);
                }
            }
        }
        errors.forEach(out::println);
        out.printf("import --dry-run: %d lines, %d errors, %d unchained%n", lines, errors.size(), unchained);
        out.flush();
        return errors.isEmpty() ? 0 : AuditCli.DISCREPANCIES;
    }

    /** Adds each problem of one line; returns 1 if the event is unchained. */
    private static int check(JsonNode line, EventSchemaValidator validator, Map<String, Link> lastBySubject,
            List<String> problems) {
        String id = required(line, "id");
        String subject = required(line, "subject");
        String payloadType = required(line, "payloadtype");
        long sequence = Long.parseLong(required(line, "sequence"));
        Instant.parse(required(line, "time"));
        byte[] stored = Base64.getDecoder().decode(required(line, "storedpayload"));
        JsonNode data = line.get("data");
        EventContract contract = EventContracts.forCeType(required(line, "type")).orElse(null);
        if (contract == null) {
            problems.add("unknown event type " + line.get("type").asString());
        } else if (data == null || !data.isObject()) {
            problems.add("no data object");
        } else {
            if (line.path("dataversion").asInt() != contract.version()) {
                problems.add("dataversion " + line.path("dataversion") + " but the registry has v" + contract.version());
            }
            validator.violations(contract, EventJson.mapper().writeValueAsBytes(data))
                    .forEach(violation -> problems.add("schema " + contract.dataSchema() + ": " + violation));
            int storedVersion = line.path("storedversion").asInt(contract.version());
            JsonNode fromStored = EventJson.mapper().valueToTree(EventJson.read(stored, contract.ceType(), storedVersion));
            if (!fromStored.equals(data)) {
                problems.add("data differs from storedpayload (the hash covers storedpayload)");
            }
        }
        Link last = lastBySubject.get(subject);
        if (last != null && sequence != last.sequence() + 1) {
            problems.add("sequence " + sequence + " of " + subject + " follows " + last.sequence());
        }
        String hash = text(line, "hash");
        lastBySubject.put(subject, new Link(sequence, hash));
        if (hash == null) {
            return 1;
        }
        String previousHex = text(line, "previoushash");
        if (previousHex == null) {
            problems.add("hash without previoushash");
            return 0;
        }
        byte[] previous = HexFormat.of().parseHex(previousHex);
        if (sequence == 0 && !Arrays.equals(previous, HashChain.GENESIS)) {
            problems.add("sequence 0 must chain on 32 zero bytes, not " + previousHex);
        }
        if (last != null && last.hash() != null && !last.hash().equals(previousHex)) {
            problems.add("previoushash " + previousHex + " is not the hash of sequence " + last.sequence()
                    + " (" + last.hash() + ")");
        }
        String expected = VerifyCommand.hex(HashChain.next(previous, subject, sequence, id, payloadType, stored));
        if (!expected.equals(hash)) {
            problems.add("hash " + hash + " but the line hashes to " + expected);
        }
        return 0;
    }

    private static String required(JsonNode line, String field) {
        String value = text(line, field);
        if (value == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
