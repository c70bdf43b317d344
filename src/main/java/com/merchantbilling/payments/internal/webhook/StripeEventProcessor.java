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

import com.merchantbilling.payments.internal.checkout.AfterPaymentEvents;
import com.merchantbilling.payments.internal.checkout.CheckoutOutcome;
import com.merchantbilling.payments.internal.checkout.CheckoutPayments;
import com.merchantbilling.payments.internal.checkout.CompletedCheckout;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
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
    private final AfterPaymentEvents afterPayment;
    private final com.merchantbilling.payments.internal.connect.StripeAccountService stripeAccounts;

    StripeEventProcessor(JdbcClient jdbc, CheckoutPayments checkoutPayments, AfterPaymentEvents afterPayment,
            com.merchantbilling.payments.internal.connect.StripeAccountService stripeAccounts) {
        this.jdbc = jdbc;
        this.checkoutPayments = checkoutPayments;
        this.afterPayment = afterPayment;
        this.stripeAccounts = stripeAccounts;
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
                .param("outcome", outcome)
                .param("id", received.eventId())
                .update();
    }

    private String process(String payload) {
        // the row exists only for events whose signature was verified on receipt
        Event event = Webhook.constructEventWithoutVerification(payload);
        var at = event.getCreated() != null ? Instant.ofEpochSecond(event.getCreated()) : Instant.now();
        var eventId = Optional.of(event.getId());
        var account = Optional.ofNullable(event.getAccount()).filter(id -> !id.isBlank());
        var object = object(event);
        return switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                    object.filter(Session.class::isInstance).map(Session.class::cast)
                            .map(session -> checkoutPayments.apply(CompletedCheckout.of(session, account, at, eventId))
                                    .name())
                            .orElseGet(() -> unreadable(event));
            case "checkout.session.async_payment_failed" -> object.filter(Session.class::isInstance)
                    .map(session -> afterPayment.asyncPaymentFailed((Session) session, at, eventId))
                    .orElseGet(() -> unreadable(event));
            case "charge.refunded" -> object.filter(Charge.class::isInstance)
                    .map(charge -> afterPayment.charge((Charge) charge, at, eventId))
                    .orElseGet(() -> unreadable(event));
            case "charge.refund.updated" -> object.filter(Refund.class::isInstance)
                    .map(refund -> afterPayment.refund((Refund) refund, at, eventId))
                    .orElseGet(() -> unreadable(event));
            case "charge.dispute.created", "charge.dispute.closed" -> object.filter(Dispute.class::isInstance)
                    .map(dispute -> afterPayment.dispute((Dispute) dispute, at, eventId))
                    .orElseGet(() -> unreadable(event));
            case "payment_intent.payment_failed" -> object.filter(PaymentIntent.class::isInstance)
                    .map(intent -> afterPayment.paymentFailed((PaymentIntent) intent, account, at, eventId))
                    .orElseGet(() -> unreadable(event));
            // accepted only on the Connect endpoint (StripeWebhookController.CONNECT_HANDLED_TYPES)
            case "account.updated" -> object.filter(com.stripe.model.Account.class::isInstance)
                    .map(updated -> stripeAccounts.update((com.stripe.model.Account) updated) ? "ACCOUNT_UPDATED"
                            : "IGNORED_UNKNOWN_ACCOUNT")
                    .orElseGet(() -> unreadable(event));
            default -> "IGNORED_TYPE";
        };
    }

    private static String unreadable(Event event) {
        log.warn("Stripe event {} ({}) has no readable object", event.getId(), event.getType());
        return CheckoutOutcome.IGNORED_UNREADABLE.name();
    }

    static Optional<Session> session(Event event) {
        return object(event).filter(Session.class::isInstance).map(Session.class::cast);
    }

    /**
     * stripe-java deserializes {@code data.object} only when the event was rendered in the API version the
     * library is built for; events rendered in the account's (or a connected account's) pinned version come
     * back empty. The fields read here (sessions: id, payment_link, payment_status, amount_total, currency,
     * payment_intent; charges: amount_refunded, payment_intent; refunds and disputes: id, amount, status,
     * payment_intent) have been stable across versions, so such events are read anyway.
     */
    static Optional<com.stripe.model.StripeObject> object(Event event) {
        var data = event.getDataObjectDeserializer();
        var object = data.getObject();
        if (object.isEmpty()) {
            try {
                object = Optional.ofNullable(data.deserializeUnsafe());
            } catch (EventDataObjectDeserializationException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return object;
    }
}
