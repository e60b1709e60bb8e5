package io.msmeatlas.listings.listing;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Listing expiries as Axon deadlines in db-scheduler's {@code scheduled_tasks} table (Flyway V2), on
 * the service's own PostgreSQL: they survive restarts, and any instance fires a due one (each only
 * once: db-scheduler locks the row). A deadline is written and cancelled in the transaction of the
 * command that schedules or cancels it, through a transaction-aware DataSource, so a rejected command
 * leaves no deadline behind.
 *
 * <p>Axon's own db-scheduler auto-configuration is excluded ({@code ListingsApplication}): it expects
 * db-scheduler's Spring Boot starter to own the scheduler. Here the scheduler starts after Axon and
 * stops before it (on SIGTERM too: the service shuts down gracefully), letting a running expiry finish
 * for at most {@code shutdownMaxWait}; its threads are gone when the context is closed.
 */
@Configuration(proxyBeanMethods = false)
class ListingExpiryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ListingExpiryConfiguration.class);

    @Bean
    Scheduler expiryScheduler(DataSource dataSource, ListingsProperties properties,
            ObjectProvider<DbSchedulerDeadlineManager> deadlineManager) {
        Task<?> deadlines = DbSchedulerDeadlineManager.binaryTask(deadlineManager::getObject);
        ListingsProperties.ExpiryScheduler config = properties.expiryScheduler();
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(deadlines))
                .tableName("scheduled_tasks")
                .pollingInterval(config.pollingInterval())
                .threads(config.threads())
                .shutdownMaxWait(config.shutdownMaxWait())
                .build();
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler expiryScheduler, org.axonframework.config.Configuration axon,
            Serializer serializer, TransactionManager transactionManager) {
        return new TolerantDeadlineManager(DbSchedulerDeadlineManager.builder()
                .scheduler(expiryScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false), expiryScheduler);
    }

    @Bean
    SmartLifecycle expirySchedulerLifecycle(Scheduler expiryScheduler) {
        return new SmartLifecycle() {

            private volatile boolean running;

            @Override
            public void start() {
                expiryScheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                expiryScheduler.stop();
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Above Axon's lifecycle phases: starts once Axon can handle a deadline, stops before Axon does. */
            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 4096;
            }
        };
    }

    /**
     * Cancelling a deadline that is firing at that moment must not fail the command that cancels it:
     * the firing deadline finds the listing off the market and does nothing.
     */
    static final class TolerantDeadlineManager extends DbSchedulerDeadlineManager {

        private final Scheduler scheduler;

        TolerantDeadlineManager(DbSchedulerDeadlineManager.Builder builder, Scheduler scheduler) {
            super(builder);
            this.scheduler = scheduler;
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
            runOnPrepareCommitOrNow(() -> {
                try {
                    scheduler.cancel(TaskInstanceId.of(DEADLINE_TASK, scheduleId));
                } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
                    log.debug("Deadline {} {} was not cancelled: {}", deadlineName, scheduleId, e.getMessage());
                }
            });
        }
    }

    /** The db-scheduler task name Axon's deadline manager uses. */
    static final String DEADLINE_TASK = "AxonDeadline";
}
