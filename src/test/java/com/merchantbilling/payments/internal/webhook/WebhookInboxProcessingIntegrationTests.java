package com.merchantbilling.payments.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.support.StripeEvents;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The inbox as the durable record: rows stored without anyone being told (a node that died right after the insert)
 * are found, a row that cannot be processed holds back no other, and concurrent workers never process one event
 * twice. The events report on payment intents nobody recorded, so processing them touches no invoice and calls no
 * Stripe: what is observed is the inbox itself.
 */
@SpringBootTest(properties = { "stripe.secret-key=sk_test_cleanup", "stripe.webhook-secret=whsec_test_cleanup" })
class WebhookInboxProcessingIntegrationTests {

    @Autowired
    WebhookInboxProcessing processing;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void eventsStoredWithoutASignalAreProcessedByThePoll() {
        // as left by a node that crashed between its insert and its processing: nobody signalled these rows
        var ids = insertRefunds(3);

        await().atMost(Duration.ofSeconds(20)).until(() -> unprocessed(ids) == 0);

        assertThat(outcomes(ids)).containsOnly("UNKNOWN_PAYMENT").hasSize(3);
    }

    @Test
    void anEventThatCannotBeProcessedHoldsBackNoOtherAndIsTriedAgainLater() {
        var broken = "evt_broken_" + UUID.randomUUID();
        jdbc.sql("""
                insert into stripe_webhook_events (event_id, event_type, payload, received_at)
                values (:id, 'charge.refunded', '{"id": "not json', now() - interval '1 hour')""")
                .param("id", broken).update();
        var others = insertRefunds(4);

        await().atMost(Duration.ofSeconds(20)).until(() -> unprocessed(others) == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(broken) > 0);

        assertThat(outcomes(others)).containsOnly("UNKNOWN_PAYMENT").hasSize(4);
        var row = jdbc.sql("""
                select processed_at is null as pending, retry_at > now() as later, last_error
                  from stripe_webhook_events where event_id = :id""")
                .param("id", broken).query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2),
                        Optional.ofNullable(rs.getString(3)).isPresent())).single();
        assertThat(row).as("unprocessed, due later, error kept").containsExactly(true, true, true);
        long attemptsSoFar = attempts(broken);

        // repaired (say, by an operator) and due: processed like any other
        var repaired = StripeEvents.event("charge.refunded", StripeEvents.charge("pi_unrecorded_" + UUID.randomUUID(),
                1000, 1000, "jpy"), null, Instant.now().getEpochSecond());
        jdbc.sql("update stripe_webhook_events set payload = :payload, retry_at = now() where event_id = :id")
                .param("payload", repaired).param("id", broken).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> unprocessed(List.of(broken)) == 0);
        assertThat(outcomes(List.of(broken))).containsExactly("UNKNOWN_PAYMENT");
        assertThat(attempts(broken)).isEqualTo(attemptsSoFar);
    }

    @Test
    void concurrentWorkersProcessEveryEventExactlyOnce() throws Exception {
        double before = processedCount();
        var ids = insertRefunds(300);
        // four more workers beside the node's own, all racing for the same rows
        Callable<Integer> worker = () -> {
            int done = 0;
            while (unprocessed(ids) > 0) {
                done += processing.processBatch();
            }
            return done;
        };
        int byTheseWorkers = 0;
        try (var executor = Executors.newFixedThreadPool(4)) {
            for (var result : executor.invokeAll(java.util.Collections.nCopies(4, worker))) {
                byTheseWorkers += result.get();
            }
        }

        assertThat(unprocessed(ids)).isZero();
        assertThat(outcomes(ids)).hasSize(300).containsOnly("UNKNOWN_PAYMENT");
        assertThat(byTheseWorkers).isPositive().isLessThanOrEqualTo(300);
        // every commit of a processed event counts once: a second processing of any event would exceed 300
        await().atMost(Duration.ofSeconds(10)).until(() -> processedCount() - before >= 300);
        assertThat(processedCount() - before).isEqualTo(300.0);
    }

    /** Unprocessed charge.refunded events for payment intents nobody recorded, stored in one statement. */
    private List<String> insertRefunds(int count) {
        var ids = new ArrayList<String>();
        var payloads = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var payload = StripeEvents.event("charge.refunded", StripeEvents.charge("pi_unrecorded_" + UUID.randomUUID(),
                    1000, 1000, "jpy"), null, Instant.now().getEpochSecond());
            ids.add(StripeEvents.eventId(payload));
            payloads.add(payload);
        }
        jdbc.sql("""
                insert into stripe_webhook_events (event_id, event_type, payload)
                select id, 'charge.refunded', payload from unnest(:ids, :payloads) as e(id, payload)""")
                .param("ids", ids.toArray(String[]::new)).param("payloads", payloads.toArray(String[]::new))
                .update();
        return ids;
    }

    private long unprocessed(List<String> ids) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and processed_at is null")
                .param("ids", ids).query(Long.class).single();
    }

    private List<String> outcomes(List<String> ids) {
        return jdbc.sql("select outcome from stripe_webhook_events where event_id in (:ids) and processed_at is not null")
                .param("ids", ids).query(String.class).list();
    }

    private long attempts(String id) {
        return jdbc.sql("select attempts from stripe_webhook_events where event_id = :id").param("id", id)
                .query(Long.class).single();
    }

    private double processedCount() {
        return meters.get("stripe.webhook.events").tag("result", "processed").counter().count();
    }
}
