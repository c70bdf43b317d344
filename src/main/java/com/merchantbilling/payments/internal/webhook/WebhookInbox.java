package com.merchantbilling.payments.internal.webhook;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The durable half of receiving a webhook: one row per Stripe event id, and that row is the event's durable
 * record until it is processed (no event publication beside it). The insert is one statement in auto-commit: when
 * it returns, the event is stored, and Stripe may have its 200. {@link WebhookInboxProcessing} takes it from
 * there, woken at once on this node and by its poll on every node, so a crash after the insert loses nothing.
 * With {@code payments.webhook.group-commit} the inserts of concurrent requests share one statement and commit
 * ({@link InboxGroupCommit}); a caller inside its own transaction always inserts in that transaction.
 * <p>
 * The single entry point for every webhook endpoint: each verifies with its own signing secret, then calls
 * {@link #accept(VerifiedStripeEvent)}.
 */
@Component
public class WebhookInbox implements StripeEventIntake, DisposableBean {

    private final JdbcClient jdbc;
    private final InboxSignal signal;
    private final InboxGroupCommit groupCommit;
    /** Not final: the throughput benchmark measures both ways in one application. */
    private volatile boolean grouped;

    WebhookInbox(JdbcClient jdbc, JdbcTemplate jdbcTemplate, InboxSignal signal, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.signal = signal;
        this.groupCommit = new InboxGroupCommit(jdbcTemplate);
        this.grouped = properties.groupCommit();
    }

    @Override
    public java.util.Set<String> handledTypes() {
        return StripeWebhookServlet.HANDLED_TYPES;
    }

    /** False for an event id received before: Stripe redelivers, and each event counts once. */
    public boolean accept(VerifiedStripeEvent event) {
        boolean stored = grouped && !TransactionSynchronizationManager.isActualTransactionActive()
                ? groupCommit.insert(event) : insert(event);
        if (stored) {
            wakeProcessing();
        }
        return stored;
    }

    private boolean insert(VerifiedStripeEvent event) {
        int inserted = jdbc.sql("""
                        insert into stripe_webhook_events (event_id, event_type, account_id, payload)
                        values (:id, :type, :account, :payload)
                        on conflict (event_id) do nothing""")
                .param("id", event.id())
                .param("type", event.type())
                .param("account", event.account())
                .param("payload", event.payload())
                .update();
        return inserted > 0;
    }

    /** The same, for callers that verified the event themselves (the catch-up that lists Stripe's events). */
    @Override
    public boolean accept(String eventId, String type, String account, String payload) {
        return accept(new VerifiedStripeEvent(eventId, type, account, payload));
    }

    @Override
    public void destroy() {
        groupCommit.stop();
    }

    private void wakeProcessing() {
        // called inside a caller's transaction, the row is visible to the processing only after its commit
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.signal();
                }
            });
        } else {
            signal.signal();
        }
    }
}
