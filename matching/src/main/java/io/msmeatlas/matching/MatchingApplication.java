package io.msmeatlas.matching;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Buyer profiles, the matching worker and the deal flow on matches. */
@SpringBootApplication
public class MatchingApplication {

    public static void main(String[] args) {
        // No calls home: Axon's update checker would contact AxonIQ from every instance.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(MatchingApplication.class, args);
    }
}
