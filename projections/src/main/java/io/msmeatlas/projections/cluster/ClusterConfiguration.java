package io.msmeatlas.projections.cluster;

import io.msmeatlas.projections.ProjectionsStreams;
import javax.net.ssl.SSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The pieces that let several projections instances answer every query together. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterConfiguration {

    @Bean
    AdvertisedServer advertisedServer(ClusterProperties properties, ApplicationContext context, Environment env) {
        return AdvertisedServer.of(properties, context, env);
    }

    @Bean
    ProjectionCluster projectionCluster(ProjectionsStreams streams, AdvertisedServer server,
            ClusterProperties properties) {
        return new ProjectionCluster(streams::serving, server::hostInfo, properties.maxStandbyLag());
    }

    /** Peers are served as this instance is: over HTTPS with its SSL bundle when it serves HTTPS. */
    @Bean
    PeerClient peerClient(ClusterProperties properties, ServerProperties server, SslBundles bundles) {
        SSLContext tls = Ssl.isEnabled(server.getSsl())
                ? WebServerSslBundle.get(server.getSsl(), bundles).createSslContext()
                : null;
        return new PeerClient(properties.peerTimeout(), properties.consistencyWait(), tls);
    }

    @Bean
    ReadYourWrites readYourWrites(ProjectionCluster cluster, ClusterProperties properties) {
        return new ReadYourWrites(cluster, properties.consistencyWait());
    }

    @Bean
    FanOut fanOut(ProjectionCluster cluster, PeerClient peers, ClusterProperties properties) {
        return new FanOut(cluster::plan, peers, cluster::self, properties.peerTimeout());
    }

    @Bean
    KeyedQuery keyedQuery(ProjectionCluster cluster, PeerClient peers, ClusterProperties properties) {
        return new KeyedQuery(cluster, peers, properties.peerTimeout());
    }
}
