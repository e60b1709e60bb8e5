package io.msmeatlas.valuation.model;

import io.msmeatlas.schemas.valuation.ValuationReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained quantile model (p10, p50, p90 of ln(value) in one XGBoost booster) with its metadata.
 * {@link #score} values many listings in one DMatrix: one native call for the quantiles and one for
 * the SHAP contributions, whatever the batch size. The quantiles are sorted after prediction, since
 * separately fitted quantiles can cross, and exponentiated (quantiles survive a monotone transform).
 */
public final class ValuationModel {

    public static final String ARTIFACT = "valuation-model.ubj";
    public static final String METADATA = "valuation-model.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Booster booster;
    private final ModelMetadata metadata;

    ValuationModel(Booster booster, ModelMetadata metadata) {
        this.booster = booster;
        this.metadata = metadata;
    }

    /**
     * Loads the model in {@code directory} of the classpath (e.g. {@code model}). Throws
     * {@link ModelUnavailable} when it is missing, was trained on other encodings or features, or the
     * native library cannot load.
     */
    public static ValuationModel fromClasspath(String directory, int threads) {
        ModelMetadata metadata;
        byte[] artifact;
        try {
            metadata = JSON.readValue(resource(directory + "/" + METADATA), ModelMetadata.class);
            artifact = resource(directory + "/" + ARTIFACT);
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailable("cannot read the model in classpath:" + directory + ": " + e.getMessage(), e);
        }
        if (!CodeTables.VERSION.equals(metadata.encodings()) || !Features.NAMES.equals(metadata.features())) {
            throw new ModelUnavailable("model " + metadata.version() + " expects encodings " + metadata.encodings()
                    + " and other features than this build", null);
        }
        return fromBytes(artifact, metadata, threads);
    }

    /** A model from its artifact's bytes (UBJSON, as the training command writes it) and metadata. */
    public static ValuationModel fromBytes(byte[] artifact, ModelMetadata metadata, int threads) {
        try {
            Booster booster = XGBoost.loadModel(artifact);
            booster.setParam("nthread", threads);
            return new ValuationModel(booster, metadata);
        } catch (XGBoostError | IOException | RuntimeException | LinkageError e) {
            // LinkageError: the native library is missing or does not load (e.g. no libgomp).
            throw new ModelUnavailable("XGBoost cannot load model " + metadata.version() + ": " + e, e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ValuationModel.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return in.readAllBytes();
        }
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String method() {
        return "xgboost:" + metadata.version();
    }

    /** Why these inputs are outside what the model was trained on, or null when it may score them. */
    public String outsideDomain(ValuationInputs inputs) {
        ModelMetadata.Domain domain = metadata.domain();
        double revenue = inputs.revenue().doubleValue();
        if (revenue < domain.revenueMin() || revenue > domain.revenueMax()) {
            return "revenue outside the model's range";
        }
        Double margin = inputs.earningsMargin();
        if (margin == null || margin < domain.marginMin() || margin > domain.marginMax()) {
            return "earnings margin outside the model's range";
        }
        if (inputs.yearsInOperation() != null && inputs.yearsInOperation() > domain.maxYearsInOperation()) {
            return "years in operation outside the model's range";
        }
        return null;
    }

    /**
     * Values every listing in one batch. An entry is null where the model gave no finite value (the
     * caller falls back to the rules for it). With {@code explain}, each estimate carries reasons.
     */
    public List<Estimate> score(List<ValuationInputs> batch, boolean explain) {
        if (batch.isEmpty()) {
            return List.of();
        }
        float[] matrix = new float[batch.size() * Features.count()];
        for (int row = 0; row < batch.size(); row++) {
            Features.write(batch.get(row), matrix, row);
        }
        float[][] quantiles;
        float[][] contributions = null;
        DMatrix data = null;
        try {
            data = new DMatrix(matrix, batch.size(), Features.count(), Float.NaN);
            // Booster calls share native state; one at a time (the worker's batches and estimates).
            synchronized (booster) {
                quantiles = booster.predict(data);
                if (explain) {
                    contributions = booster.predictContrib(data, 0);
                }
            }
        } catch (XGBoostError e) {
            throw new ModelUnavailable("XGBoost failed to score: " + e.getMessage(), e);
        } finally {
            if (data != null) {
                data.dispose();
            }
        }
        List<Estimate> estimates = new ArrayList<>(batch.size());
        int median = metadata.quantiles().indexOf(0.5);
        for (int row = 0; row < batch.size(); row++) {
            float[] q = quantiles[row];
            if (q.length != 3 || !finite(q)) {
                estimates.add(null);
                continue;
            }
            List<ValuationReason> reasons = contributions == null ? List.of()
                    : Reasons.from(batch.get(row), contributions[row], median * (Features.count() + 1));
            estimates.add(Estimate.of(Math.exp(q[0]), Math.exp(q[1]), Math.exp(q[2]), method(), reasons,
                    batch.get(row).inputsHash(), null));
        }
        return estimates;
    }

    private static boolean finite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value) || value > 30) {
                // e^30 rupees is beyond any MSME: a broken prediction, not a valuation.
                return false;
            }
        }
        return true;
    }

    /** The model cannot score: the caller values with the rules instead. */
    public static final class ModelUnavailable extends RuntimeException {

        public ModelUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
