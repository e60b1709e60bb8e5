package io.msmeatlas.lagexporter;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval time between two rounds of AdminClient calls; scrapes in between read the last round
 * @param timeout how long one round may take in all (its AdminClient calls and record reads)
 * @param groups the consumer groups to export, as a regular expression over the group id
 * @param topics topics whose end offsets are exported even if no group reads them (dead-letter topics,
 *        whose growth is an alert), as a regular expression over the topic name
 * @param timestampCacheBytes the bound on the cache of record timestamps by position, in estimated bytes
 */
@ConfigurationProperties("atlas.lag-exporter")
public record LagExporterProperties(Duration interval, Duration timeout, Pattern groups, Pattern topics,
        long timestampCacheBytes) {
}
