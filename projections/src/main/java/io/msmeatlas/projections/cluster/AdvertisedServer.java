package io.msmeatlas.projections.cluster;

import java.util.function.IntSupplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The address peers use to reach this instance, which Kafka Streams publishes to the whole group as
 * {@code application.server}.
 *
 * <p>The port is resolved when Kafka Streams is created, not when the configuration is read: with
 * {@code server.port=0} (tests, several instances on one machine) only the started web server knows
 * it. That works because Spring starts the web server (lifecycle phase {@code MAX_VALUE - 2048}) before
 * {@code ProjectionsStreams} ({@code MAX_VALUE - 1000}).
 */
public final class AdvertisedServer {

    private static final Logger log = LoggerFactory.getLogger(AdvertisedServer.class);

    private final String host;
    private final IntSupplier port;
    private volatile HostInfo published;

    public AdvertisedServer(String host, IntSupplier port) {
        this.host = host;
        this.port = port;
    }

    /** {@code advertised-port}, else the running web server's port, else {@code server.port}. */
    public static AdvertisedServer of(ClusterProperties properties, ApplicationContext context, Environment env) {
        return new AdvertisedServer(properties.advertisedHost(), () -> {
            if (properties.advertisedPort() > 0) {
                return properties.advertisedPort();
            }
            WebServer server = context instanceof WebServerApplicationContext web ? web.getWebServer() : null;
            if (server != null && server.getPort() > 0) {
                return server.getPort();
            }
            return env.getProperty("server.port", Integer.class, 8080);
        });
    }

    /** This instance, as every instance's Kafka Streams metadata names it. */
    public HostInfo hostInfo() {
        HostInfo known = published;
        return known != null ? known : new HostInfo(host, port.getAsInt());
    }

    /**
     * This instance's address as {@code application.server}, resolved now (when a version of Kafka
     * Streams is about to start) and remembered as the one peers know.
     */
    public String publish() {
        HostInfo self = new HostInfo(host, port.getAsInt());
        if (self.port() <= 0) {
            // Only without a web server (a mock-web test): nobody can call this instance anyway.
            log.warn("No port known for {}; peers will not reach this instance", host);
        }
        published = self;
        return self.host() + ":" + self.port();
    }
}
