package io.msmeatlas.matching.worker;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threshold the lowest score (0 to 1) that is proposed as a match
 * @param deadLetterTopic where records the worker can never process go, with the reason in headers
 */
@ConfigurationProperties("atlas.matching")
public record MatchingProperties(@DefaultValue("0.60") BigDecimal threshold,
        @DefaultValue("msme.matching.dlq") String deadLetterTopic) {
}
