package io.msmeatlas.auth;

import java.security.SecureRandom;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }


    /**
     * Read models here are updated in the command's own transaction: subscribing processors (no
     * token table, no lag after a registration) whose failures roll the command back instead of
     * being logged and skipped.
     */
    @Bean
    ConfigurerModule subscribingProjections() {
        return configurer -> configurer.eventProcessing()
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
