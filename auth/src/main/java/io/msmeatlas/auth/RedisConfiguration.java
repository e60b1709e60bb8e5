package io.msmeatlas.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.SingleServerConfig;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Redisson client with short time-outs: while Redis is unreachable a login or refresh fails
 * within about two seconds (503) instead of holding a request thread for Redisson's defaults.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(AuthProperties properties, SslBundles bundles) {
        AuthProperties.Redis redis = properties.redis();
        int timeout = (int) redis.timeout().toMillis();
        Config config = new Config();
        // Start even while Redis is still coming up; requests answer 503 until it is there.
        config.setLazyInitialization(true);
        // Small pools and thread counts: the service runs with a 128 MiB heap.
        config.setThreads(2);
        config.setNettyThreads(4);
        SingleServerConfig server = config.useSingleServer()
                .setAddress(address(redis.url()))
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(16)
                .setSubscriptionConnectionMinimumIdleSize(0)
                .setSubscriptionConnectionPoolSize(1)
                .setConnectTimeout(timeout)
                .setTimeout(timeout)
                .setRetryAttempts(1)
                .setRetryDelay(new ConstantDelay(Duration.ofMillis(200)));
        URI uri = URI.create(redis.url());
        if (uri.getUserInfo() != null) {
            String[] credentials = uri.getUserInfo().split(":", 2);
            if (!credentials[0].isEmpty()) {
                server.setUsername(credentials[0]);
            }
            if (credentials.length == 2) {
                server.setPassword(credentials[1]);
            }
        }
        trust(bundles, redis.sslBundle()).ifPresent(config::setSslTrustManagerFactory);
        return Redisson.create(config);
    }

    /** Without Redis nobody can log in or refresh, so the service reports itself DOWN. */
    @Bean
    HealthIndicator redis(RedissonClient redisson) {
        return () -> {
            try {
                return redisson.getRedisNodes(RedisNodes.SINGLE).pingAll(1, TimeUnit.SECONDS)
                        ? Health.up().build()
                        : Health.down().withDetail("error", "no answer to PING").build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /** The named SSL bundle's CAs, for a {@code rediss://} server; none (the JDK's CAs) without such a bundle. */
    private static Optional<TrustManagerFactory> trust(SslBundles bundles, String bundle) {
        return bundle == null || !bundles.getBundleNames().contains(bundle) ? Optional.empty()
                : Optional.of(bundles.getBundle(bundle).getManagers().getTrustManagerFactory());
    }

    /** Redisson takes the address without credentials; they are set separately. */
    private static String address(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    }
}
