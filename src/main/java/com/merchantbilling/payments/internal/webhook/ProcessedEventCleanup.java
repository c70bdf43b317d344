package com.merchantbilling.payments.internal.webhook;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Forgets processed Stripe events after the retention period. The stored ids only guard against
 * redelivery, which Stripe gives up on after three days; the payments themselves stay with the invoices.
 * Unprocessed events are never removed.
 */
@Component
class ProcessedEventCleanup {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventCleanup.class);

    private final JdbcClient jdbc;
    private final WebhookProperties properties;
    private final Clock clock;

    ProcessedEventCleanup(JdbcClient jdbc, WebhookProperties properties, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Once per 6 hours for the cluster: one delete does it for all nodes. Both lock times are the interval (see
     * SchedulerLocks): the other nodes' runs of the same period (each node's own 6 h delay) find the lock held; a
     * delete of a few days' rows takes seconds, and a node dying in it only postpones a cleanup that can wait.
     */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT6H")
    @SchedulerLock(name = "processed-stripe-event-cleanup", lockAtLeastFor = "PT6H", lockAtMostFor = "PT6H")
    void scheduledRemoveExpired() {
        removeExpired();
    }

    int removeExpired() {
        var cutoff = OffsetDateTime.ofInstant(clock.instant().minus(properties.retention()), ZoneOffset.UTC);
        int removed = jdbc.sql("delete from stripe_webhook_events where processed_at is not null and processed_at < :cutoff")
                .param("cutoff", cutoff)
                .update();
        if (removed > 0) {
            log.info("Removed {} Stripe events processed before {}", removed, cutoff);
        }
        return removed;
    }
}
