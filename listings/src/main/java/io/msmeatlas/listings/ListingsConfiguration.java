package io.msmeatlas.listings;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ListingsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
