package io.msmeatlas.valuation.training;

import io.msmeatlas.valuation.model.CodeTables;
import io.msmeatlas.valuation.model.Features;
import io.msmeatlas.valuation.model.ModelMetadata;
import io.msmeatlas.valuation.model.ValuationInputs;
import io.msmeatlas.valuation.model.ValuationModel;
import io.msmeatlas.valuation.training.SyntheticListings.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the synthetic data, trains the quantile model on ln(value), evaluates it on the held-out
 * part and writes the artifact, its metadata and the model card. Deterministic: the same options
 * give the same files (one training thread).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the valuation model and write valuation-model.ubj, valuation-model.json and MODEL_CARD.md.")
final class TrainCommand implements Callable<Integer> {

    static final List<Double> QUANTILES = List.of(0.1, 0.5, 0.9);

    @Option(names = "--out", description = "output directory (default: ${DEFAULT-VALUE})",
            defaultValue = "valuation/src/main/resources/model")
    Path out;

    @Option(names = "--model-version", description = "version recorded in the artifact and the method (default: ${DEFAULT-VALUE})",
            defaultValue = "1.0.0")
    String version;

    @Option(names = "--seed", defaultValue = "20261205", description = "data and training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--samples", defaultValue = "20000", description = "synthetic listings (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--holdout", defaultValue = "0.2", description = "held-out share (default: ${DEFAULT-VALUE})")
    double holdoutFraction;

    @Option(names = "--rounds", defaultValue = "150", description = "boosting rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--max-depth", defaultValue = "5", description = "tree depth (default: ${DEFAULT-VALUE})")
    int maxDepth;

    @Override
    public Integer call() throws Exception {
        List<Sample> all = SyntheticListings.generate(seed, samples);
        List<Sample> training = SyntheticListings.training(all, holdoutFraction);
        List<Sample> holdout = SyntheticListings.holdout(all, holdoutFraction);

        Map<String, Object> params = params();
        DMatrix train = matrix(training);
        byte[] artifact;
        try {
            Booster booster = XGBoost.train(train, params, rounds, Map.of(), null, null);
            booster.setAttr("model_version", version);
            booster.setAttr("encodings", CodeTables.VERSION);
            artifact = booster.toByteArray("ubj");
            booster.dispose();
        } finally {
            train.dispose();
        }

        Map<String, String> recorded = new LinkedHashMap<>();
        params.forEach((key, value) -> recorded.put(key, String.valueOf(value)));
        ModelMetadata.Training provenance = new ModelMetadata.Training(seed, samples, holdoutFraction, rounds, recorded,
                "ml.dmlc:xgboost4j_2.12:3.4.0", "DATA_CARD.md");
        ModelMetadata draft = new ModelMetadata(version, CodeTables.VERSION, Features.NAMES,
                Features.monotoneConstraints(), QUANTILES, "ln(value in rupees)", provenance, null, domain(training));
        ValuationModel model = ValuationModel.fromBytes(artifact, draft, 1);
        ModelMetadata.Metrics metrics = ModelEvaluation.evaluate(model, holdout);
        ModelMetadata metadata = new ModelMetadata(version, CodeTables.VERSION, Features.NAMES,
                Features.monotoneConstraints(), QUANTILES, "ln(value in rupees)", provenance, metrics, domain(training));

        Files.createDirectories(out);
        Files.write(out.resolve(ValuationModel.ARTIFACT), artifact);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(out.resolve(ValuationModel.METADATA), json.writeValueAsString(metadata) + "\n");
        Files.writeString(out.resolve("MODEL_CARD.md"), ModelCard.markdown(metadata, sha256(artifact), artifact.length));
        System.out.printf("model %s: %d bytes; holdout MAPE %.4f, median APE %.4f, R² (ln) %.4f, p10–p90 coverage %.4f%n",
                version, artifact.length, metrics.mape(), metrics.medianApe(), metrics.r2Log(), metrics.coverage());
        return 0;
    }

    private Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "reg:quantileerror");
        params.put("quantile_alpha", "[0.1,0.5,0.9]");
        params.put("tree_method", "hist");
        params.put("max_depth", maxDepth);
        params.put("eta", 0.1);
        params.put("min_child_weight", 10);
        params.put("subsample", 0.8);
        params.put("monotone_constraints", Features.monotoneConstraints());
        params.put("seed", seed);
        // One thread: the same options always give the same artifact.
        params.put("nthread", 1);
        return params;
    }

    private static DMatrix matrix(List<Sample> samples) throws Exception {
        float[] data = new float[samples.size() * Features.count()];
        float[] labels = new float[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Features.write(samples.get(i).inputs(), data, i);
            labels[i] = (float) Math.log(samples.get(i).value());
        }
        DMatrix matrix = new DMatrix(data, samples.size(), Features.count(), Float.NaN);
        matrix.setLabel(labels);
        return matrix;
    }

    private static ModelMetadata.Domain domain(List<Sample> training) {
        double revenueMin = Double.MAX_VALUE;
        double revenueMax = 0;
        double marginMin = Double.MAX_VALUE;
        double marginMax = -Double.MAX_VALUE;
        int years = 0;
        for (Sample sample : training) {
            ValuationInputs in = sample.inputs();
            revenueMin = Math.min(revenueMin, in.revenue().doubleValue());
            revenueMax = Math.max(revenueMax, in.revenue().doubleValue());
            marginMin = Math.min(marginMin, in.earningsMargin());
            marginMax = Math.max(marginMax, in.earningsMargin());
            years = Math.max(years, in.yearsInOperation() == null ? 0 : in.yearsInOperation());
        }
        return new ModelMetadata.Domain(revenueMin, revenueMax, marginMin, marginMax, years);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
