package io.msmeatlas.notifications.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.notifications.Notification;
import io.msmeatlas.schemas.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Fans new notifications out to every instance through one Redis topic (Redisson {@link RTopic}):
 * the instance that stored a notification publishes it, and every instance, itself included, hands it
 * to the SSE connections of its user there ({@link SseHub#deliver}), which send it once. Best effort:
 * while Redis is unreachable nothing is published, and each instance's sweep sends from the inbox
 * within seconds instead.
 */
public class Broadcaster implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);

    private final RTopic topic;
    private final SseHub hub;
    private final Counter published;
    private final Counter failures;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notifications-fan-out");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    private volatile Integer listener;

    public Broadcaster(RedissonClient redisson, String topicName, SseHub hub, MeterRegistry meters) {
        this.topic = redisson.getTopic(topicName, StringCodec.INSTANCE);
        this.hub = hub;
        this.published = Counter.builder("notifications.fanout.published")
                .description("Notifications published to the other instances").register(meters);
        this.failures = Counter.builder("notifications.fanout.failures")
                .description("Fan-out publications that failed (the sweep delivers them)").register(meters);
    }

    public void publish(Notification notification) {
        try {
            topic.publish(new String(EventJson.write(notification), StandardCharsets.UTF_8));
            published.increment();
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Cannot fan notification {} of user {} out through Redis; the sweep will push it: {}",
                    notification.id(), notification.userId(), e.toString());
        }
    }

    boolean subscribed() {
        return listener != null;
    }

    @Override
    public void start() {
        running = true;
        subscribe();
    }

    /** Keeps trying while Redis is away; once subscribed, Redisson resubscribes by itself after a reconnect. */
    private void subscribe() {
        if (!running || listener != null) {
            return;
        }
        try {
            listener = topic.addListener(String.class, (channel, message) -> {
                try {
                    hub.deliver(EventJson.read(message.getBytes(StandardCharsets.UTF_8), Notification.class));
                } catch (RuntimeException e) {
                    log.warn("Cannot deliver a fanned-out notification: {}", e.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Cannot subscribe to the notification fan-out yet, retrying: {}", e.toString());
            retries.schedule(this::subscribe, 2, TimeUnit.SECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        Integer id = listener;
        if (id != null) {
            try {
                topic.removeListener(id);
            } catch (RuntimeException e) {
                log.debug("Unsubscribing failed: {}", e.toString());
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
