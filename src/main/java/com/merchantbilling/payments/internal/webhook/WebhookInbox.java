package com.merchantbilling.payments.internal.webhook;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable half of receiving a webhook: one row per Stripe event id. The internal event is published
 * in the same transaction, so Spring Modulith's publication registry holds it with the row: either both
 * exist and the processing will run (after a restart, if need be), or neither and Stripe sends it again.
 */
@Component
class WebhookInbox implements StripeEventIntake {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    WebhookInbox(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public java.util.Set<String> handledTypes() {
        return StripeWebhookController.HANDLED_TYPES;
    }

    /** False for an event id received before: Stripe redelivers, and each event counts once. */
    @Override
    @Transactional
    public boolean accept(String eventId, String type, String account, String payload) {
        int inserted = jdbc.sql("""
                        insert into stripe_webhook_events (event_id, event_type, account_id, payload)
                        values (:id, :type, :account, :payload)
                        on conflict (event_id) do nothing""")
                .param("id", eventId)
                .param("type", type)
                .param("account", account)
                .param("payload", payload)
                .update();
        if (inserted == 0) {
            return false;
        }
        events.publishEvent(new StripeEventReceived(eventId));
        return true;
    }
}
