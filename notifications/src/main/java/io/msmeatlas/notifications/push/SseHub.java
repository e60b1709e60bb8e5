package io.msmeatlas.notifications.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.notifications.Notification;
import io.msmeatlas.notifications.NotificationsProperties;
import io.msmeatlas.notifications.inbox.Inbox;
import io.msmeatlas.schemas.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The SSE connections of this instance, by user. Each connection remembers the last notification id it
 * was sent and is sent every later one exactly once, in order: a notification at or below it is a
 * duplicate and dropped; one further ahead means some were missed (a fan-out message lost or late), and
 * the gap is filled from the inbox first. A reconnect with {@code Last-Event-ID} replays what came after
 * it; the periodic sweep sends what a lost fan-out message never announced.
 */
public class SseHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SseHub.class);

    private final Inbox inbox;
    private final NotificationsProperties.Stream settings;
    private final Map<String, Set<Connection>> connections = new ConcurrentHashMap<>();
    private final Counter pushed;
    private volatile boolean running;

    public SseHub(Inbox inbox, NotificationsProperties.Stream settings, MeterRegistry meters) {
        this.inbox = inbox;
        this.settings = settings;
        this.pushed = Counter.builder("notifications.pushed").description("Notifications sent over SSE")
                .register(meters);
        Gauge.builder("notifications.stream.connections", connections,
                map -> map.values().stream().mapToInt(Set::size).sum())
                .description("Open SSE connections on this instance").register(meters);
    }

    /**
     * Opens a stream for the user: everything after {@code lastEventId} first (when the client
     * reconnects), then every new notification.
     */
    public SseEmitter connect(String userId, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Connection connection = new Connection(userId, emitter);
        emitter.onCompletion(() -> remove(connection));
        emitter.onTimeout(() -> remove(connection));
        emitter.onError(error -> remove(connection));
        connection.lock.lock();
        try {
            // Registered before reading the inbox: a notification stored meanwhile is then either read
            // here or delivered after, never lost; the lock keeps deliveries waiting until we are done.
            connections.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(connection);
            if (lastEventId == null) {
                connection.lastSent = inbox.latest(Set.of(userId)).getOrDefault(userId, 0L);
                connection.emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
            } else {
                connection.lastSent = lastEventId;
                connection.emitter.send(SseEmitter.event().comment("replaying after " + lastEventId)
                        .reconnectTime(3000));
                fill(connection);
            }
        } catch (IOException | RuntimeException e) {
            close(connection, e);
        } finally {
            connection.lock.unlock();
        }
        return emitter;
    }

    /** A new notification, from this instance or another: to every connection of its user here. */
    public void deliver(Notification notification) {
        for (Connection connection : connections.getOrDefault(notification.userId(), Set.of())) {
            connection.lock.lock();
            try {
                if (notification.id() <= connection.lastSent) {
                    continue;
                }
                if (notification.id() == connection.lastSent + 1) {
                    send(connection, notification);
                } else {
                    fill(connection);
                }
            } catch (IOException | RuntimeException e) {
                close(connection, e);
            } finally {
                connection.lock.unlock();
            }
        }
    }

    /** Sends each connected user what their inbox has beyond what their connections were sent. */
    @Scheduled(fixedDelayString = "${atlas.notifications.stream.sweep:5s}")
    public void sweep() {
        if (connections.isEmpty()) {
            return;
        }
        Map<String, Long> latest = inbox.latest(Set.copyOf(connections.keySet()));
        connections.forEach((userId, open) -> {
            long newest = latest.getOrDefault(userId, 0L);
            for (Connection connection : open) {
                if (newest > connection.lastSent) {
                    connection.lock.lock();
                    try {
                        fill(connection);
                    } catch (IOException | RuntimeException e) {
                        close(connection, e);
                    } finally {
                        connection.lock.unlock();
                    }
                }
            }
        });
    }

    /** A comment now and then keeps proxies from closing an idle stream and finds dead ones. */
    @Scheduled(fixedDelayString = "${atlas.notifications.stream.heartbeat:15s}")
    public void heartbeat() {
        connections.values().forEach(open -> open.forEach(connection -> {
            connection.lock.lock();
            try {
                connection.emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | RuntimeException e) {
                close(connection, e);
            } finally {
                connection.lock.unlock();
            }
        }));
    }

    int connectionCount() {
        return connections.values().stream().mapToInt(Set::size).sum();
    }

    /** Under the connection's lock. */
    private void fill(Connection connection) throws IOException {
        List<Notification> missed;
        do {
            missed = inbox.after(connection.userId, connection.lastSent, settings.replayLimit());
            for (Notification notification : missed) {
                send(connection, notification);
            }
        } while (missed.size() == settings.replayLimit());
    }

    private void send(Connection connection, Notification notification) throws IOException {
        connection.emitter.send(SseEmitter.event().id(Long.toString(notification.id())).name("notification")
                .data(new String(EventJson.write(notification), StandardCharsets.UTF_8), MediaType.APPLICATION_JSON));
        connection.lastSent = notification.id();
        pushed.increment();
    }

    private void close(Connection connection, Exception cause) {
        log.debug("Closing the stream of user {}: {}", connection.userId, cause.toString());
        remove(connection);
        try {
            connection.emitter.complete();
        } catch (RuntimeException ignored) {
            // Already completed.
        }
    }

    private void remove(Connection connection) {
        connections.computeIfPresent(connection.userId, (id, open) -> {
            open.remove(connection);
            return open.isEmpty() ? null : open;
        });
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes every stream first on shutdown, so that clients reconnect (with Last-Event-ID) to another instance. */
    @Override
    public void stop() {
        running = false;
        connections.values().forEach(open -> open.forEach(connection -> {
            try {
                connection.emitter.complete();
            } catch (RuntimeException ignored) {
                // Already completed.
            }
        }));
        connections.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown, which would otherwise wait for the open streams. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static final class Connection {

        final String userId;
        final SseEmitter emitter;
        final ReentrantLock lock = new ReentrantLock();
        long lastSent;

        Connection(String userId, SseEmitter emitter) {
            this.userId = userId;
            this.emitter = emitter;
        }
    }
}
