package io.msmeatlas.lagexporter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Consumer lag of every consumer group, in offsets and in seconds, read from the brokers with the
 * AdminClient rather than reported by the consumers themselves: a consumer that died or hangs still
 * shows its lag growing here.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LagExporterApplication {

    public static void main(String[] args) {
        SpringApplication.run(LagExporterApplication.class, args);
    }
}
