package io.msmeatlas.valuation.training;

import io.msmeatlas.valuation.model.ValuationInputs;
import io.msmeatlas.valuation.model.ValuationModel;
import io.msmeatlas.valuation.training.SyntheticListings.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scoring throughput of the committed model, one listing per DMatrix against many: what the
 * worker's micro-batching buys. A timing loop, not a test: run it on a quiet machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure single and batched scoring throughput.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--listings", defaultValue = "2000", description = "listings scored per run (default: ${DEFAULT-VALUE})")
    int listings;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs per case; the median is shown (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--threads", defaultValue = "1", description = "XGBoost threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() {
        ValuationModel model = ValuationModel.fromClasspath("model", threads);
        List<ValuationInputs> inputs = SyntheticListings.generate(7, listings).stream().map(Sample::inputs).toList();
        System.out.printf(Locale.ROOT, "model %s, %d listings, %d XGBoost thread(s), median of %d runs%n%n",
                model.method(), listings, threads, runs);
        System.out.println("| batch size | quantiles only (listings/s) | quantiles + SHAP reasons (listings/s) |");
        System.out.println("|---|---|---|");
        for (int batch : new int[] {1, 10, 100, 500}) {
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f |%n", batch, throughput(model, inputs, batch, false),
                    throughput(model, inputs, batch, true));
        }
        return 0;
    }

    private double throughput(ValuationModel model, List<ValuationInputs> inputs, int batch, boolean explain) {
        score(model, inputs, batch, explain);
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            score(model, inputs, batch, explain);
            rates.add(inputs.size() / ((System.nanoTime() - start) / 1e9));
        }
        rates.sort(Double::compare);
        return rates.get(rates.size() / 2);
    }

    private static void score(ValuationModel model, List<ValuationInputs> inputs, int batch, boolean explain) {
        for (int from = 0; from < inputs.size(); from += batch) {
            model.score(inputs.subList(from, Math.min(inputs.size(), from + batch)), explain);
        }
    }
}
