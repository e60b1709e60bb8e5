package io.msmeatlas.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import io.msmeatlas.notifications.email.EmailQueue;
import io.msmeatlas.notifications.email.EmailSender;
import io.msmeatlas.notifications.email.EmailTemplates;
import io.msmeatlas.notifications.inbox.Inbox;
import io.msmeatlas.notifications.inbox.Preferences;
import io.msmeatlas.notifications.intake.Recipients;
import io.msmeatlas.notifications.push.Broadcaster;
import io.msmeatlas.notifications.push.SseHub;
import java.time.Clock;
import org.redisson.api.RedissonClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbox, its channels and the live push. */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc) {
        return new Inbox(jdbc);
    }

    @Bean
    Preferences preferences(JdbcTemplate jdbc) {
        return new Preferences(jdbc);
    }

    @Bean
    EmailQueue emailQueue(JdbcTemplate jdbc) {
        return new EmailQueue(jdbc);
    }

    @Bean
    EmailTemplates emailTemplates(NotificationsProperties properties) {
        return new EmailTemplates(properties.publicUrl());
    }

    @Bean
    Deliveries deliveries(Inbox inbox, Preferences preferences, EmailQueue emails, EmailTemplates templates,
            NotificationsProperties properties, Clock clock, MeterRegistry meters) {
        return new Deliveries(inbox, preferences, emails, templates, properties.email().enabled(), clock, meters);
    }

    /** Only with an SMTP server configured ({@code spring.mail.host}) and the channel switched on. */
    @Bean
    @ConditionalOnProperty(name = "atlas.notifications.email.enabled", havingValue = "true")
    EmailSender emailSender(EmailQueue queue, Recipients recipients, JavaMailSender mail,
            TransactionTemplate transaction, NotificationsProperties properties, Clock clock, MeterRegistry meters) {
        return new EmailSender(queue, recipients, mail, transaction, properties.email(), clock, meters);
    }

    @Bean
    SseHub sseHub(Inbox inbox, NotificationsProperties properties, MeterRegistry meters) {
        return new SseHub(inbox, properties.stream(), meters);
    }

    @Bean
    Broadcaster broadcaster(RedissonClient redisson, NotificationsProperties properties, SseHub hub,
            MeterRegistry meters) {
        return new Broadcaster(redisson, properties.fanOutTopic(), hub, meters);
    }
}
