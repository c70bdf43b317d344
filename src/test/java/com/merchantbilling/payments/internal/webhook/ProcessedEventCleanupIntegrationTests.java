package com.merchantbilling.payments.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

@SpringBootTest(properties = { "stripe.secret-key=sk_test_cleanup", "stripe.webhook-secret=whsec_test_cleanup" })
class ProcessedEventCleanupIntegrationTests {

    @Autowired
    ProcessedEventCleanup cleanup;
    @Autowired
    JdbcClient jdbc;

    @Test
    void removesOnlyEventsProcessedBeforeTheRetention() {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        insert("evt_old_processed", now.minusDays(40), now.minusDays(40));
        insert("evt_recent_processed", now.minusDays(2), now.minusDays(2));
        insert("evt_old_unprocessed", now.minusDays(40), null);

        assertThat(cleanup.removeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(exists("evt_old_processed")).isFalse();
        assertThat(exists("evt_recent_processed")).isTrue();
        assertThat(exists("evt_old_unprocessed")).as("never processed: kept for its resubmission").isTrue();
    }

    @Test
    void aRetentionShorterThanStripesRedeliveryIsRefused() {
        assertThatThrownBy(() -> new WebhookProperties(DataSize.ofKilobytes(256), Duration.ofMinutes(5), 8,
                Duration.ofDays(2), 100, Duration.ofSeconds(1), false, Duration.ofMillis(20))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 days");
    }

    private void insert(String id, OffsetDateTime receivedAt, OffsetDateTime processedAt) {
        jdbc.sql("""
                        insert into stripe_webhook_events (event_id, event_type, payload, received_at, processed_at, outcome)
                        values (:id, 'checkout.session.completed', '{}', :received, :processed, :outcome)""")
                .param("id", id).param("received", receivedAt).param("processed", processedAt)
                .param("outcome", processedAt == null ? null : "PAID")
                .update();
    }

    private boolean exists(String id) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id = :id").param("id", id)
                .query(Long.class).single() == 1;
    }
}
