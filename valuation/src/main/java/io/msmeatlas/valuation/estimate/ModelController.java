package io.msmeatlas.valuation.estimate;

import io.msmeatlas.valuation.model.Features;
import io.msmeatlas.valuation.model.ModelMetadata;
import io.msmeatlas.valuation.model.RuleBook;
import io.msmeatlas.valuation.model.ValuationModel;
import io.msmeatlas.valuation.model.Valuer;
import io.msmeatlas.web.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/valuation/model}: which method values listings now, and the model's version,
 * features, held-out metrics, training domain and provenance. Any signed-in user.
 */
@RestController
class ModelController {

    private final Valuer valuer;

    ModelController(Valuer valuer) {
        this.valuer = valuer;
    }

    record Feature(String name, String description, boolean monotoneIncreasing) {
    }

    /** {@code model} is absent (and {@code modelUnavailable} says why) when the rules value everything. */
    record ModelInfo(String method, String fallback, String modelUnavailable, Model model) {
    }

    record Model(String version, String encodings, List<Feature> features, List<Double> quantiles, String target,
            ModelMetadata.Metrics metrics, ModelMetadata.Domain domain, ModelMetadata.Training training) {
    }

    @GetMapping("/api/valuation/model")
    ModelInfo model(Caller caller) {
        return valuer.model()
                .map(model -> new ModelInfo(model.method(), RuleBook.METHOD, null, describe(model)))
                .orElseGet(() -> new ModelInfo(RuleBook.METHOD, RuleBook.METHOD, valuer.unavailable().orElse(null), null));
    }

    private static Model describe(ValuationModel model) {
        ModelMetadata m = model.metadata();
        List<Feature> features = m.features().stream()
                .map(name -> new Feature(name, Features.description(name),
                        name.equals(Features.EARNINGS) || name.equals(Features.EARNINGS_MARGIN)))
                .toList();
        return new Model(m.version(), m.encodings(), features, m.quantiles(), m.target(), m.metrics(), m.domain(),
                m.training());
    }
}
