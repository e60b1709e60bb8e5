package io.msmeatlas.bench;

import io.msmeatlas.infra.EmbeddedPostgresServer;
import io.msmeatlas.infra.Ports;
import io.msmeatlas.matching.reference.IndianStates;
import io.msmeatlas.matching.reference.Nic2008;
import io.msmeatlas.matching.scoring.ListingFacts;
import io.msmeatlas.matching.scoring.MatchScorer;
import io.msmeatlas.matching.worker.BuyerCandidate;
import io.msmeatlas.matching.worker.BuyerIndex;
import io.msmeatlas.matching.worker.ListingIndex;
import io.msmeatlas.matching.worker.MatchingEngine;
import io.msmeatlas.matching.worker.ProfileRow;
import io.msmeatlas.matching.worker.Proposal;
import io.msmeatlas.schemas.buyer.BuyerCriteria;
import io.msmeatlas.schemas.buyer.BuyerType;
import io.msmeatlas.schemas.listing.ListingDetails.DealType;
import io.msmeatlas.schemas.listing.UdyamClassification.Category;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/bench.sh match}: matching one new listing against many buyer profiles (issue 6). It
 * loads {@code --profiles} seeded random profiles into the matching service's own {@code buyer_index}
 * (its Flyway migration, in a PostgreSQL of its own), then, for each of {@code --listings} new listings,
 * times the worker's way (candidates from the sector × region × budget-band GIN index, then scored)
 * against two brute forces that score every active profile: one reading them all from the same table,
 * one from a list already in memory (no I/O at all: the most favourable baseline). Every listing's
 * matches must be identical (same match ids, same scores) in all three; the run fails otherwise.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Matching one listing against N buyer profiles: index vs brute force (issue 6).")
final class MatchBench implements Callable<Integer> {

    private static final String SCHEMA = "matching_bench";
    private static final long SEED = 20261206L;
    private static final List<String> CODES = List.copyOf(Nic2008.all().keySet());
    private static final List<String> STATES = IndianStates.all();
    private static final List<String> CITIES = List.of("Pune", "Mumbai", "Surat", "Ahmedabad", "Chennai",
            "Coimbatore", "Kochi", "Bengaluru", "Hyderabad", "Ludhiana", "Jaipur", "Indore", "Kolkata", "Nagpur");

    @Option(names = "--profiles", defaultValue = "100000", description = "Active buyer profiles (default: ${DEFAULT-VALUE}).")
    int profiles;

    @Option(names = "--listings", defaultValue = "30", description = "New listings matched, each timed (default: ${DEFAULT-VALUE}).")
    int listings;

    @Option(names = "--warmup", defaultValue = "5", description = "Listings matched first, untimed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threshold", defaultValue = "0.60", description = "The match threshold (default: ${DEFAULT-VALUE}).")
    BigDecimal threshold;

    @Option(names = "--jdbc-url", description = "A PostgreSQL to use (user postgres); default: an embedded one in a temporary directory.")
    String jdbcUrl;

    @Option(names = "--results-dir", defaultValue = "bench/results", description = "Where results go (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Override
    public Integer call() throws Exception {
        Path dataDir = Files.createTempDirectory("match-bench");
        EmbeddedPostgresServer postgres = null;
        try {
            String url = jdbcUrl;
            if (url == null) {
                postgres = new EmbeddedPostgresServer(dataDir.resolve("pg"), Ports.findFree(), "bench").start();
                url = postgres.jdbcUrl();
            }
            return run(url);
        } finally {
            if (postgres != null) {
                postgres.stop();
            }
            deleteQuietly(dataDir);
        }
    }

    private int run(String url) throws IOException {
        Flyway flyway = Flyway.configure().dataSource(url, EmbeddedPostgresServer.USER, "").schemas(SCHEMA)
                .createSchemas(true).locations("classpath:db/migration").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url + "?currentSchema=" + SCHEMA,
                EmbeddedPostgresServer.USER, "", true);
        dataSource.setAutoCommit(false);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        BuyerIndex buyers = new BuyerIndex(jdbc);
        MatchScorer scorer = new MatchScorer(threshold);
        MatchingEngine engine = new MatchingEngine(buyers, new ListingIndex(jdbc), scorer);

        Random random = new Random(SEED);
        System.out.printf("Loading %,d buyer profiles...%n", profiles);
        long loadStart = System.nanoTime();
        List<BuyerCandidate> inMemory = new ArrayList<>(profiles);
        List<ProfileRow> batch = new ArrayList<>(5000);
        for (int i = 0; i < profiles; i++) {
            BuyerCriteria criteria = criteria(random);
            String id = String.format("profile-%07d", i);
            batch.add(new ProfileRow(id, "buyer-" + i, true, 0, "profile " + i, criteria, null));
            inMemory.add(new BuyerCandidate(id, "buyer-" + i, criteria));
            if (batch.size() == 5000 || i == profiles - 1) {
                List<ProfileRow> rows = List.copyOf(batch);
                transaction.executeWithoutResult(status -> buyers.saveAll(rows));
                batch.clear();
            }
        }
        transaction.executeWithoutResult(status -> jdbc.execute("analyze buyer_index"));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        List<ListingFacts> newListings = new ArrayList<>();
        for (int i = 0; i < warmup + listings; i++) {
            newListings.add(listing(random, i));
        }
        long[] indexed = new long[listings];
        long[] scanned = new long[listings];
        long[] inMemoryScan = new long[listings];
        long[] lookups = new long[listings];
        long candidates = 0;
        long matches = 0;
        int mismatches = 0;
        for (int i = 0; i < newListings.size(); i++) {
            ListingFacts listing = newListings.get(i);
            Timed<List<Proposal>> viaIndex = time(() -> transaction.execute(s -> engine.forListing(listing)));
            Timed<List<Proposal>> viaTable = time(() -> transaction.execute(s -> engine.forListingBruteForce(listing)));
            Timed<List<Proposal>> viaMemory = time(() -> scoreAll(inMemory, listing, scorer));
            if (!same(viaIndex.value(), viaTable.value()) || !same(viaIndex.value(), viaMemory.value())) {
                mismatches++;
                System.out.println("MISMATCH for listing " + listing.listingId() + ": index " + viaIndex.value().size()
                        + ", table scan " + viaTable.value().size() + ", memory scan " + viaMemory.value().size());
            }
            if (i >= warmup) {
                int k = i - warmup;
                indexed[k] = viaIndex.nanos();
                scanned[k] = viaTable.nanos();
                inMemoryScan[k] = viaMemory.nanos();
                Timed<List<BuyerCandidate>> lookup = time(() -> transaction.execute(s -> buyers.candidatesFor(listing)));
                lookups[k] = lookup.nanos();
                candidates += lookup.value().size();
                matches += viaIndex.value().size();
            }
        }

        String report = report(loadSeconds, indexed, scanned, inMemoryScan, lookups, candidates, matches, mismatches);
        System.out.println(report);
        Files.createDirectories(resultsDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(resultsDir.resolve("match-" + stamp + ".md"), report);
        Files.writeString(resultsDir.resolve("match-latest.md"), report);
        return mismatches == 0 ? 0 : 1;
    }

    private String report(double loadSeconds, long[] indexed, long[] scanned, long[] inMemory, long[] lookups,
            long candidates, long matches, int mismatches) {
        double indexMedian = median(indexed);
        double scanMedian = median(scanned);
        double memoryMedian = median(inMemory);
        StringBuilder md = new StringBuilder();
        md.append("# Matching one new listing against ").append(String.format("%,d", profiles))
                .append(" buyer profiles\n\n");
        md.append(String.format("%d listings timed after %d untimed; threshold %s; profiles loaded in %.1f s; "
                + "%s cores, Java %s.%n%n", listings, warmup, threshold.toPlainString(), loadSeconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append("| way | median ms | p95 ms | mean ms | vs index (median) |\n|---|---|---|---|---|\n");
        md.append(row("candidate index (the worker): GIN lookup + score candidates", indexed, indexMedian));
        md.append(row("brute force, table: read and score every active profile", scanned, indexMedian));
        md.append(row("brute force, memory: score every profile already in memory", inMemory, indexMedian));
        md.append(row("of which the candidate lookup alone (SQL, reading the criteria)", lookups, indexMedian));
        md.append(String.format("%nIndex time as a share of brute force (medians): %.1f%% of the table scan, "
                + "%.1f%% of the in-memory scan.%n", 100 * indexMedian / scanMedian, 100 * indexMedian / memoryMedian));
        md.append(String.format("Candidates read per listing: %.0f of %,d profiles (%.2f%%); matches per listing: %.1f.%n",
                (double) candidates / listings, profiles, 100.0 * candidates / listings / profiles,
                (double) matches / listings));
        md.append(String.format("Identical matches (ids and scores) in all three ways for all %d listings: %s%n",
                listings + warmup, mismatches == 0 ? "yes" : "NO (" + mismatches + " differ)"));
        return md.toString();
    }

    private static String row(String way, long[] nanos, double indexMedian) {
        double median = median(nanos);
        return String.format("| %s | %.2f | %.2f | %.2f | %.1f× |%n", way, median, percentile(nanos, 0.95),
                Arrays.stream(nanos).average().orElse(0) / 1e6, median / indexMedian);
    }

    private static List<Proposal> scoreAll(List<BuyerCandidate> profiles, ListingFacts listing, MatchScorer scorer) {
        List<Proposal> found = new ArrayList<>();
        for (BuyerCandidate profile : profiles) {
            scorer.score(profile.criteria(), listing).ifPresent(score -> found.add(new Proposal(profile, listing, score)));
        }
        return MatchingEngine.ordered(found);
    }

    private static boolean same(List<Proposal> a, List<Proposal> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).matchId().equals(b.get(i).matchId()) || !a.get(i).score().equals(b.get(i).score())) {
                return false;
            }
        }
        return true;
    }

    private record Timed<T>(T value, long nanos) {
    }

    private static <T> Timed<T> time(Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, System.nanoTime() - start);
    }

    private static double median(long[] nanos) {
        return percentile(nanos, 0.5);
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /**
     * A buyer: one to three sectors (a fifth open to any), one to three states (a tenth anywhere, some
     * naming a city), a budget between ₹10 lakh and ₹50 crore spanning a factor of two to five, and
     * now and then size, deal-type and buyer-type preferences.
     */
    private static BuyerCriteria criteria(Random random) {
        List<String> sectors = random.nextInt(5) == 0 ? List.of() : pick(random, CODES, 1 + random.nextInt(3));
        List<String> states = random.nextInt(10) == 0 ? List.of() : pick(random, STATES, 1 + random.nextInt(3));
        List<String> cities = random.nextInt(5) == 0 ? pick(random, CITIES, 1) : List.of();
        long max = (long) (1_000_000 * Math.pow(500, random.nextDouble()));
        BigDecimal min = random.nextInt(3) == 0 ? null : BigDecimal.valueOf(max / (2 + random.nextInt(4)));
        BigDecimal revenueMin = random.nextInt(4) == 0 ? BigDecimal.valueOf(max / 2) : null;
        List<Category> categories = random.nextInt(4) == 0 ? List.of(Category.values()[random.nextInt(3)]) : List.of();
        List<DealType> deals = random.nextInt(3) == 0 ? List.of(DealType.values()[random.nextInt(4)]) : List.of();
        return new BuyerCriteria(sectors, states, cities, min, BigDecimal.valueOf(max), revenueMin, null, null, null,
                categories, deals, BuyerType.values()[random.nextInt(3)]);
    }

    private static ListingFacts listing(Random random, int i) {
        Nic2008.Code code = Nic2008.all().get(CODES.get(random.nextInt(CODES.size())));
        long price = (long) (1_000_000 * Math.pow(500, random.nextDouble()));
        long revenue = (long) (price * (0.8 + random.nextDouble()));
        return new ListingFacts("listing-" + i, "seller-" + i, "Listing " + i, code.code(), code.name(),
                code.section(), code.sectionName(), STATES.get(random.nextInt(STATES.size())),
                CITIES.get(random.nextInt(CITIES.size())), BigDecimal.valueOf(price), BigDecimal.valueOf(revenue),
                BigDecimal.valueOf(revenue / 100 * (random.nextInt(30) - 5)), Category.values()[random.nextInt(3)],
                DealType.values()[random.nextInt(4)]);
    }

    private static List<String> pick(Random random, List<String> from, int count) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, count));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
