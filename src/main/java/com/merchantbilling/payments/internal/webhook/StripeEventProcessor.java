package com.merchantbilling.payments.internal.webhook;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

import com.merchantbilling.payments.internal.checkout.CheckoutOutcome;
import com.merchantbilling.payments.internal.checkout.CheckoutPayments;
import com.merchantbilling.payments.internal.checkout.CompletedCheckout;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;

/**
 * Processes a stored Stripe event after the response, in its own transaction. The registry delivers at
 * least once (again after a restart or a resubmission); the row lock and processed_at make the second
 * delivery a no-op, and invoicing records a Checkout Session only once in any case.
 */
@Component
class StripeEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeEventProcessor.class);

    private final JdbcClient jdbc;
    private final CheckoutPayments checkoutPayments;

    StripeEventProcessor(JdbcClient jdbc, CheckoutPayments checkoutPayments) {
        this.jdbc = jdbc;
        this.checkoutPayments = checkoutPayments;
    }

    /**
     * What {@code @ApplicationModuleListener} declares, but on a bounded executor: each processing holds a
     * database connection, and a burst of webhooks on unbounded virtual threads would take every connection
     * of the pool, starving the webhook endpoint's own inserts and the merchants' pages. Queued events wait
     * in memory; their publications stay incomplete until processed, so a stop loses none of them.
     */
    @Async(StripeEventExecutorConfiguration.NAME)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    @TransactionalEventListener
    void on(StripeEventReceived received) {
        var payload = jdbc.sql("""
                        select payload from stripe_webhook_events
                         where event_id = :id and processed_at is null
                           for update""")
                .param("id", received.eventId())
                .query(String.class)
                .optional();
        if (payload.isEmpty()) {
            return;
        }
        var outcome = process(payload.get());
        jdbc.sql("update stripe_webhook_events set processed_at = now(), outcome = :outcome where event_id = :id")
                .param("outcome", outcome.name())
                .param("id", received.eventId())
                .update();
    }

    private CheckoutOutcome process(String payload) {
        // the row exists only for events whose signature was verified on receipt
        Event event = Webhook.constructEventWithoutVerification(payload);
        var session = session(event);
        if (session.isEmpty()) {
            log.warn("Stripe event {} ({}) has no readable Checkout Session", event.getId(), event.getType());
            return CheckoutOutcome.IGNORED_UNREADABLE;
        }
        var paidAt = event.getCreated() != null ? Instant.ofEpochSecond(event.getCreated()) : Instant.now();
        return checkoutPayments.apply(CompletedCheckout.of(session.get(), Optional.ofNullable(event.getAccount()),
                paidAt, Optional.of(event.getId())));
    }

    /**
     * stripe-java deserializes {@code data.object} only when the event was rendered in the API version the
     * library is built for; events rendered in the account's (or a connected account's) pinned version come
     * back empty. The fields read here (id, payment_link, payment_status, amount_total, currency, metadata)
     * have been stable across versions, so such events are read anyway.
     */
    static Optional<Session> session(Event event) {
        var data = event.getDataObjectDeserializer();
        var object = data.getObject();
        if (object.isEmpty()) {
            try {
                object = Optional.ofNullable(data.deserializeUnsafe());
            } catch (EventDataObjectDeserializationException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return object.filter(Session.class::isInstance).map(Session.class::cast);
    }
}
