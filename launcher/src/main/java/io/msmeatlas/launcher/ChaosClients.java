package io.msmeatlas.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent clients sending listing commands through the gateway, each command with a unique id
 * (its {@code X-Request-Id}, which the event store keeps with the events it caused; creates also carry
 * it as {@code Idempotency-Key} and are retried with it). Every answer is recorded: acknowledged (2xx),
 * refused by a rule (4xx), refused while something is down (503/504), failed (any other 5xx), or
 * unknown (no answer: the command may or may not have happened).
 */
final class ChaosClients {

    /** What became of one command. */
    enum Outcome { ACKNOWLEDGED, REJECTED, REFUSED_UNAVAILABLE, FAILED, UNKNOWN }

    /**
     * @param version the listing's version in the answer (acknowledged only), {@code previous} the
     *        version this client knew before, so an acknowledged no-op is told from a change
     */
    record Command(String id, String kind, String listingId, Outcome outcome, int status, boolean retryAfter,
            long version, long previous, long atMillis) {
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final String PASSWORD = "Chaos-monkey-42-run";

    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ConcurrentLinkedQueue<Command> log = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final long started = System.currentTimeMillis();

    ChaosClients(String gateway) {
        this.gateway = gateway;
    }

    int sent() {
        return sent.get();
    }

    List<Command> log() {
        return List.copyOf(log);
    }

    Map<Integer, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    long lastSuccessMillis() {
        return lastSuccessMillis.get();
    }

    /** Runs {@code clients} sellers until {@code commands} have been sent in all and {@code keepGoing} says stop. */
    void run(int clients, int commands, BooleanSupplier keepGoing, String adminToken, long seed) throws Exception {
        List<String> sellers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sellers.add(signUpSeller());
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String seller = sellers.get(i);
            Random random = new Random(seed + i);
            running.add(pool.submit(() -> client(seller, adminToken, random, commands, keepGoing)));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** One seller's session: drafts listings and moves its own through their lifecycle. */
    private void client(String seller, String admin, Random random, int total, BooleanSupplier keepGoing) {
        List<String[]> mine = new ArrayList<>(); // {id, version, status}
        while (sent.getAndIncrement() < total || keepGoing.getAsBoolean()) {
            List<String[]> open = mine.stream().filter(l -> !l[2].equals("WITHDRAWN")).toList();
            double dice = random.nextDouble();
            if (open.size() < 3 || dice < 0.25) {
                create(seller, mine);
                continue;
            }
            String[] listing = open.get(random.nextInt(open.size()));
            if (dice < 0.70) {
                String body = random.nextBoolean() ? "{\"askingPrice\":\"" + (50_000_000 + random.nextInt(20_000_000)) + "\"}"
                        : "{\"title\":\"Chaos unit " + random.nextInt(1_000_000) + "\"}";
                transition(seller, listing, "update", "PATCH", "/api/msme/listings/" + listing[0], body, null);
            } else if (dice < 0.82) {
                transition(seller, listing, "submit", "POST", "/api/msme/listings/" + listing[0] + "/submit", null,
                        "SUBMITTED");
            } else if (dice < 0.94) {
                transition(admin, listing, "approve", "POST", "/api/msme/listings/" + listing[0] + "/approve", null,
                        "PUBLISHED");
            } else {
                transition(seller, listing, "withdraw", "POST", "/api/msme/listings/" + listing[0] + "/withdraw",
                        "{\"reason\":\"chaos\"}", "WITHDRAWN");
            }
        }
    }

    /** A draft, retried with the same Idempotency-Key while the platform cannot answer. */
    private void create(String seller, List<String[]> mine) {
        String key = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= 4; attempt++) {
            String commandId = attempt == 1 ? key : UUID.randomUUID().toString();
            Answer answer = send("POST", "/api/msme/listings", DRAFT, seller, commandId, key);
            if (answer.outcome() == Outcome.ACKNOWLEDGED) {
                String id = match(ID, answer.body());
                long version = Long.parseLong(match(VERSION, answer.body()));
                record(commandId, "create", id, answer, version, 0);
                mine.add(new String[] {id, Long.toString(version), "DRAFT"});
                return;
            }
            record(commandId, "create", null, answer, -1, -1);
            if (answer.outcome() != Outcome.REFUSED_UNAVAILABLE && answer.outcome() != Outcome.UNKNOWN) {
                return;
            }
            pause(1000L * attempt);
        }
    }

    private void transition(String token, String[] listing, String kind, String method, String path, String body,
            String status) {
        String commandId = UUID.randomUUID().toString();
        Answer answer = send(method, path, body, token, commandId, null);
        long previous = Long.parseLong(listing[1]);
        long version = -1;
        if (answer.outcome() == Outcome.ACKNOWLEDGED) {
            version = Long.parseLong(match(VERSION, answer.body()));
            listing[1] = Long.toString(version);
            if (status != null) {
                listing[2] = status;
            }
        }
        record(commandId, kind, listing[0], answer, version, previous);
    }

    private record Answer(Outcome outcome, int status, boolean retryAfter, String body) {
    }

    private Answer send(String method, String path, String body, String token, String commandId, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", commandId)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
            Outcome outcome = status < 300 ? Outcome.ACKNOWLEDGED
                    : status == 503 || status == 504 ? Outcome.REFUSED_UNAVAILABLE
                    : status < 500 ? Outcome.REJECTED
                    : Outcome.FAILED;
            if (outcome == Outcome.ACKNOWLEDGED) {
                lastSuccessMillis.set(System.currentTimeMillis());
            }
            return new Answer(outcome, status, retryAfter, response.body());
        } catch (HttpTimeoutException e) {
            return new Answer(Outcome.UNKNOWN, 0, false, "");
        } catch (IOException e) {
            return new Answer(Outcome.UNKNOWN, 0, false, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcome.UNKNOWN, 0, false, "");
        }
    }

    private void record(String commandId, String kind, String listingId, Answer answer, long version, long previous) {
        log.add(new Command(commandId, kind, listingId, answer.outcome(), answer.status(), answer.retryAfter(), version,
                previous, System.currentTimeMillis() - started));
    }

    private String signUpSeller() {
        String email = "chaos-" + UUID.randomUUID().toString().substring(0, 8) + "@example.in";
        String registration = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"displayName\":\"Chaos seller\",\"role\":\"SELLER\"}";
        Answer registered = send("POST", "/api/auth/register", registration, "none", UUID.randomUUID().toString(), null);
        if (registered.status() != 201) {
            throw new IllegalStateException("Could not sign up a chaos seller: " + registered.status() + " " + registered.body());
        }
        return login(email, PASSWORD);
    }

    String login(String email, String password) {
        Answer login = send("POST", "/api/auth/login", "{\"email\":\"" + email.toLowerCase(Locale.ROOT)
                + "\",\"password\":\"" + password + "\"}", "none", UUID.randomUUID().toString(), null);
        if (login.status() != 200) {
            throw new IllegalStateException("Could not sign in " + email + ": " + login.status() + " " + login.body());
        }
        return match(Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\""), login.body());
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected answer: " + text);
        }
        return matcher.group(1);
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String DRAFT = """
            {"title":"Chaos unit","legalName":"Chaos Components Pvt Ltd",
             "contact":{"name":"Anil Kulkarni","email":"anil@example.in"},
             "sectorCode":"25","state":"Maharashtra","city":"Pune","yearEstablished":2009,"employees":42,
             "legalStructure":"PRIVATE_LIMITED","plantAndMachineryInvestment":"32000000.00",
             "financials":[{"fiscalYear":2025,"revenue":"84000000.00","ebitda":"9500000.00"}],
             "askingPrice":"65000000.00","currency":"INR","dealType":"FULL_SALE"}""";
}
