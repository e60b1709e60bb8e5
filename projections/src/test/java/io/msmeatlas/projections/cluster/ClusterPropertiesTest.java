package io.msmeatlas.projections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class ClusterPropertiesTest {

    @Test
    void a_single_local_instance_needs_no_configuration() {
        ClusterProperties properties = bind(Map.of());

        assertThat(properties).isEqualTo(new ClusterProperties("localhost", 0, 1, 1000, Duration.ofSeconds(5),
                Duration.ofSeconds(2)));
        assertThat(properties.streamsSettings())
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry("__iq.consistency.offset.vector.enabled__", true);
    }

    @Test
    void every_setting_can_be_changed() {
        ClusterProperties properties = bind(Map.of(
                "atlas.projections.advertised-host", "projections-1.projections",
                "atlas.projections.advertised-port", "8443",
                "atlas.projections.standby-replicas", "2",
                "atlas.projections.max-standby-lag", "50",
                "atlas.projections.consistency-wait", "1500ms",
                "atlas.projections.peer-timeout", "1s"));

        assertThat(properties).isEqualTo(new ClusterProperties("projections-1.projections", 8443, 2, 50,
                Duration.ofMillis(1500), Duration.ofSeconds(1)));
        assertThat(properties.streamsSettings()).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 2);
    }

    @Test
    void nonsense_is_refused_at_start_up() {
        assertThatThrownBy(() -> bind(Map.of("atlas.projections.standby-replicas", "-1")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("atlas.projections.peer-timeout", "0s")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void the_advertised_port_is_the_configured_one_else_the_web_servers_else_server_port() {
        ClusterProperties defaults = bind(Map.of());
        WebServerApplicationContext web = mock(WebServerApplicationContext.class);
        WebServer server = mock(WebServer.class);
        given(web.getWebServer()).willReturn(server);
        given(server.getPort()).willReturn(41234);
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "0");

        assertThat(AdvertisedServer.of(defaults, web, env).hostInfo().port()).isEqualTo(41234);
        assertThat(AdvertisedServer.of(bind(Map.of("atlas.projections.advertised-port", "9000")), web, env)
                .hostInfo().port()).isEqualTo(9000);
        assertThat(AdvertisedServer.of(defaults, new StaticApplicationContext(),
                new MockEnvironment().withProperty("server.port", "3006")).hostInfo().port()).isEqualTo(3006);
        assertThat(AdvertisedServer.of(defaults, web, env).hostInfo().host()).isEqualTo("localhost");
    }

    private static ClusterProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("atlas.projections", ClusterProperties.class);
    }
}
