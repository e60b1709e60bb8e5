package io.msmeatlas.listings;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// Axon's db-scheduler auto-configuration expects db-scheduler's Spring Boot starter to own the
// scheduler; ListingExpiryConfiguration wires the scheduler and the deadline manager itself.
@SpringBootApplication(excludeName = "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration")
@ConfigurationPropertiesScan
public class ListingsApplication {

    public static void main(String[] args) {
        // No calls home: Axon's update checker would contact AxonIQ from every instance.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(ListingsApplication.class, args);
    }
}
