package io.msmeatlas.valuation.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values listings: unusable details are {@link Unusable}; the rest go to the model in one batch,
 * and the rules value whatever the model cannot (no model loaded, inputs outside its domain, a
 * failed or non-finite prediction). Every input gets an outcome.
 */
public final class Valuer {

    private static final Logger log = LoggerFactory.getLogger(Valuer.class);

    private final ValuationModel model;
    private final String unavailable;
    private final RuleBook rules = new RuleBook();

    /** {@code model} null: every valuation uses the rules, for {@code unavailable} (logged and shown in health). */
    public Valuer(ValuationModel model, String unavailable) {
        this.model = model;
        this.unavailable = unavailable;
    }

    public Optional<ValuationModel> model() {
        return Optional.ofNullable(model);
    }

    /** Why the model is not in use, if it is not. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    public Outcome value(ReadResult input) {
        return valueAll(List.of(input)).get(0);
    }

    public List<Outcome> valueAll(List<? extends ReadResult> inputs) {
        Outcome[] outcomes = new Outcome[inputs.size()];
        List<ValuationInputs> scorable = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ReadResult input = inputs.get(i);
            if (input instanceof Unusable unusable) {
                outcomes[i] = unusable;
            } else if (input instanceof ValuationInputs valuable) {
                String outside = model == null ? unavailable : model.outsideDomain(valuable);
                if (outside == null) {
                    scorable.add(valuable);
                    positions.add(i);
                } else {
                    outcomes[i] = rules.value(valuable, outside);
                }
            }
        }
        List<Estimate> scored = score(scorable);
        for (int j = 0; j < scorable.size(); j++) {
            Estimate estimate = scored.get(j);
            outcomes[positions.get(j)] = estimate != null ? estimate
                    : rules.value(scorable.get(j), "the model could not score it");
        }
        return List.of(outcomes);
    }

    private List<Estimate> score(List<ValuationInputs> scorable) {
        if (scorable.isEmpty()) {
            return List.of();
        }
        try {
            return model.score(scorable, true);
        } catch (ValuationModel.ModelUnavailable e) {
            log.warn("The model could not score {} listings; valuing them with {}: {}", scorable.size(),
                    RuleBook.METHOD, e.getMessage());
            List<Estimate> none = new ArrayList<>();
            scorable.forEach(s -> none.add(null));
            return none;
        }
    }
}
