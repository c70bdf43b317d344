package com.merchantbilling.payments.internal.webhook;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.merchantbilling.payments.internal.connect.StripeAccountService;
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
 * Applies one stored Stripe event: the payload's one full parse, then the handler for its type. Runs inside the
 * batch transaction of {@link WebhookInboxProcessing}, which holds the inbox row's lock and marks it processed in
 * the same transaction, so an event's effects and its processed_at commit together or not at all.
 */
@Component
class StripeEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeEventProcessor.class);

    private final CheckoutPayments checkoutPayments;
    private final AfterPaymentEvents afterPayment;
    private final StripeAccountService stripeAccounts;

    StripeEventProcessor(CheckoutPayments checkoutPayments, AfterPaymentEvents afterPayment,
            StripeAccountService stripeAccounts) {
        this.checkoutPayments = checkoutPayments;
        this.afterPayment = afterPayment;
        this.stripeAccounts = stripeAccounts;
    }

    /** The outcome to store with the event (a CheckoutOutcome, an AfterPaymentOutcome or IGNORED_TYPE). */
    String process(String payload) {
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
            // accepted only on the Connect endpoint (StripeWebhookServlet.CONNECT_HANDLED_TYPES)
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
