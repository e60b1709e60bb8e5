package io.msmeatlas.valuation;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.msmeatlas.valuation.model.CodeTables;
import io.msmeatlas.valuation.model.InputsReader;
import io.msmeatlas.valuation.model.RuleBook;
import io.msmeatlas.valuation.model.ValuationModel;
import io.msmeatlas.valuation.model.Valuer;
import java.math.BigDecimal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ValuationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValuationConfiguration.class);

    /**
     * The committed model, loaded once at start-up (never trained here). If it cannot load, the
     * service still starts and values with the rules; health and {@code GET /api/valuation/model} say so.
     */
    @Bean
    Valuer valuer(ValuationProperties properties) {
        try {
            ValuationModel model = ValuationModel.fromClasspath(properties.model().location(), properties.model().threads());
            log.info("Valuation model {} loaded", model.method());
            return new Valuer(model, null);
        } catch (ValuationModel.ModelUnavailable e) {
            log.warn("No valuation model ({}); valuing with {}", e.getMessage(), RuleBook.METHOD);
            return new Valuer(null, e.getMessage());
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    InputsReader inputsReader() {
        return new InputsReader(CodeTables.current());
    }

    /** Valuing with the rules is degraded, not down: the service still answers. */
    @Bean
    HealthIndicator valuationModel(Valuer valuer) {
        return () -> valuer.model()
                .map(model -> Health.up().withDetail("method", model.method()).build())
                .orElseGet(() -> Health.up().withDetail("method", RuleBook.METHOD)
                        .withDetail("modelUnavailable", valuer.unavailable().orElse("")).build());
    }

    /** Money as exact decimal strings in responses, as in events; absent fields left out. */
    @Bean
    JsonMapperBuilderCustomizer moneyAsDecimalStrings() {
        return builder -> builder
                .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL));
    }
}
