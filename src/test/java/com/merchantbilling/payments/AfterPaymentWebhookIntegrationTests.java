package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.InvoiceDetails.AuditAction;
import com.merchantbilling.invoicing.InvoiceDetails.AuditEntry;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentFlag;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Issue 10, defect 3: what happens to a payment after it was made (refunds, disputes, failed attempts) is
 * stored once, matched through the payment intent of the session we recorded, and changes the flags once,
 * whatever the order or number of Stripe's deliveries.
 */
class AfterPaymentWebhookIntegrationTests extends WebhookTestSupport {

    @Autowired
    InvoiceDetails details;
    @Autowired
    MeterRegistry meters;

    @Test
    void aFullRefundFlagsThePaidInvoiceRefundedOnceHoweverOftenItIsReported() {
        var paid = paidInvoice("Refund");
        double before = activityCount("refunded");
        var refunded = StripeEvents.event("charge.refunded", StripeEvents.charge(paid.paymentIntent(), 1000, 1000, "jpy"),
                null, now());

        assertThat(deliver(refunded).body()).isEqualTo("Received");
        awaitOutcome(refunded, "CHANGED");
        assertThat(deliver(refunded).body()).isEqualTo("Duplicate");
        // the same fact under another event id (Stripe sends charge.refunded and we reconcile): no second change
        var again = StripeEvents.event("charge.refunded", StripeEvents.charge(paid.paymentIntent(), 1000, 1000, "jpy"),
                null, now());
        deliver(again);
        awaitOutcome(again, "UNCHANGED");

        var row = invoice(paid.organization(), paid.id());
        assertThat(row.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(row.flags()).containsExactly(PaymentFlag.REFUNDED);
        assertThat(storedEvents(StripeEvents.eventId(refunded))).isEqualTo(1);
        assertThat(audit(paid, AuditAction.REFUNDED)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.stripeEventId()).contains(StripeEvents.eventId(refunded));
                    assertThat(entry.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("Refunded JPY 1,000"));
                });
        assertThat(activityCount("refunded") - before).isEqualTo(1.0);
    }

    @Test
    void aRefundUpdatedBeforeChargeRefundedCountsOnceAndAnOlderReportChangesNothing() {
        var paid = paidInvoice("PartialRefund");
        long t = now();
        var refundId = "re_test_" + paid.id().value();
        var updated = StripeEvents.event("charge.refund.updated",
                StripeEvents.refund(refundId, paid.paymentIntent(), 300, "jpy", "succeeded"), null, t + 5);
        var chargeRefunded = StripeEvents.event("charge.refunded",
                StripeEvents.charge(paid.paymentIntent(), 1000, 300, "jpy"), null, t);
        var olderPending = StripeEvents.event("charge.refund.updated",
                StripeEvents.refund(refundId, paid.paymentIntent(), 300, "jpy", "pending"), null, t - 5);

        deliver(updated);
        awaitOutcome(updated, "CHANGED");
        deliver(chargeRefunded);
        awaitOutcome(chargeRefunded, "UNCHANGED");
        deliver(olderPending);
        awaitOutcome(olderPending, "UNCHANGED");

        assertThat(invoice(paid.organization(), paid.id()).flags()).containsExactly(PaymentFlag.PARTIALLY_REFUNDED);
        assertThat(audit(paid, AuditAction.PARTIALLY_REFUNDED)).hasSize(1);

        // the rest refunded later: now Refunded, one more entry
        var rest = StripeEvents.event("charge.refunded", StripeEvents.charge(paid.paymentIntent(), 1000, 1000, "jpy"),
                null, t + 10);
        deliver(rest);
        awaitOutcome(rest, "CHANGED");
        assertThat(invoice(paid.organization(), paid.id()).flags()).containsExactly(PaymentFlag.REFUNDED);
        assertThat(audit(paid, AuditAction.REFUNDED)).hasSize(1);
    }

    @Test
    void aDisputeIsFlaggedThenLostAndAClosedDeliveredTwiceOrALateCreatedChangesNothing() {
        var paid = paidInvoice("Dispute");
        long t = now();
        var disputeId = "dp_test_" + paid.id().value();
        var created = StripeEvents.event("charge.dispute.created",
                StripeEvents.dispute(disputeId, paid.paymentIntent(), 1000, "jpy", "needs_response"), null, t);
        var lost = StripeEvents.dispute(disputeId, paid.paymentIntent(), 1000, "jpy", "lost");
        var closed = StripeEvents.event("charge.dispute.closed", lost, null, t + 60);
        var closedAgain = StripeEvents.event("charge.dispute.closed", lost, null, t + 60);
        var lateCreated = StripeEvents.event("charge.dispute.created",
                StripeEvents.dispute(disputeId, paid.paymentIntent(), 1000, "jpy", "needs_response"), null, t + 61);

        deliver(created);
        awaitOutcome(created, "CHANGED");
        assertThat(invoice(paid.organization(), paid.id()).flags()).containsExactly(PaymentFlag.DISPUTED);
        deliver(closed);
        awaitOutcome(closed, "CHANGED");
        deliver(closedAgain);
        awaitOutcome(closedAgain, "UNCHANGED");
        // a closed dispute never reopens, even when a created event arrives (or claims a time) after it
        deliver(lateCreated);
        awaitOutcome(lateCreated, "UNCHANGED");

        var row = invoice(paid.organization(), paid.id());
        assertThat(row.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(row.flags()).containsExactly(PaymentFlag.DISPUTE_LOST);
        assertThat(audit(paid, AuditAction.DISPUTED)).hasSize(1);
        assertThat(audit(paid, AuditAction.DISPUTE_LOST)).hasSize(1);
    }

    @Test
    void aWonDisputeClearsTheFlagAndIsAudited() {
        var paid = paidInvoice("DisputeWon");
        long t = now();
        var disputeId = "dp_won_" + paid.id().value();
        var created = StripeEvents.event("charge.dispute.created",
                StripeEvents.dispute(disputeId, paid.paymentIntent(), 1000, "jpy", "needs_response"), null, t);
        var won = StripeEvents.event("charge.dispute.closed",
                StripeEvents.dispute(disputeId, paid.paymentIntent(), 1000, "jpy", "won"), null, t + 1);

        deliver(won);
        awaitOutcome(won, "CHANGED");
        deliver(created);
        awaitOutcome(created, "UNCHANGED");

        assertThat(invoice(paid.organization(), paid.id()).flags()).isEmpty();
        assertThat(audit(paid, AuditAction.DISPUTE_WON)).hasSize(1);
        assertThat(audit(paid, AuditAction.DISPUTED)).isEmpty();
    }

    @Test
    void aRefundOfAPaymentWeNeverRecordedChangesNothingEvenWithOurMetadata() {
        var pending = pendingInvoice(organization("NoPayment", Optional.empty()), "JPY");
        var charge = StripeEvents.charge("pi_never_recorded_" + pending.id().value(), 1000, 1000, "jpy");
        var metadata = new com.google.gson.JsonObject();
        new PaymentLinkMetadata(deploymentId, pending.organization(), pending.id(), 1).toMap()
                .forEach(metadata::addProperty);
        charge.add("metadata", metadata);
        var refunded = StripeEvents.event("charge.refunded", charge, null, now());

        deliver(refunded);

        awaitOutcome(refunded, "UNKNOWN_PAYMENT");
        assertThat(invoice(pending.organization(), pending.id()).flags()).isEmpty();
    }

    @Test
    void aDeclinedAttemptAndAFailedDelayedPaymentAreFlaggedWhileTheInvoiceIsUnpaid() {
        var pending = pendingInvoice(organization("Declined", Optional.empty()), "JPY");
        var declined = StripeEvents.event("payment_intent.payment_failed", StripeEvents.failedPaymentIntent(
                "pi_declined_" + pending.id().value(),
                new PaymentLinkMetadata(deploymentId, pending.organization(), pending.id(), 1).toMap(), 1000, "jpy"),
                null, now());

        deliver(declined);

        awaitOutcome(declined, "CHANGED");
        assertThat(invoice(pending.organization(), pending.id()).flags()).containsExactly(PaymentFlag.PAYMENT_FAILED);
        assertThat(audit(pending, AuditAction.PAYMENT_FAILED)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).hasValueSatisfying(
                        detail -> assertThat(detail).contains("card_declined")));

        var asyncFailed = StripeEvents.event("checkout.session.async_payment_failed",
                new CheckoutSession(pending.paymentLinkId(), 1000, "jpy").paymentStatus("unpaid").json(), null,
                now() + 1);
        deliver(asyncFailed);
        awaitOutcome(asyncFailed, "CHANGED");
        assertThat(audit(pending, AuditAction.PAYMENT_FAILED)).hasSize(2);

        // paid in the end: the failure is history, the flag goes
        var completed = StripeEvents.completed(new CheckoutSession(pending.paymentLinkId(), 1000, "jpy"));
        deliver(completed);
        awaitOutcome(completed, "PAID");
        assertThat(invoice(pending.organization(), pending.id()).flags()).isEmpty();
    }

    @Test
    void aDeclinedAttemptOfAnotherDeploymentIsIgnored() {
        var pending = pendingInvoice(organization("DeclinedElsewhere", Optional.empty()), "JPY");
        var declined = StripeEvents.event("payment_intent.payment_failed", StripeEvents.failedPaymentIntent(
                "pi_elsewhere_" + pending.id().value(), new PaymentLinkMetadata(
                        new com.merchantbilling.payments.internal.deployment.DeploymentId("other-deployment"),
                        pending.organization(), pending.id(), 1).toMap(), 1000, "jpy"), null, now());

        deliver(declined);

        awaitOutcome(declined, "IGNORED_UNKNOWN_LINK");
        assertThat(invoice(pending.organization(), pending.id()).flags()).isEmpty();
    }

    PaidInvoice paidInvoice(String name) {
        var pending = pendingInvoice(organization(name, Optional.empty()), "JPY");
        var session = new CheckoutSession(pending.paymentLinkId(), 1000, "jpy");
        var completed = StripeEvents.completed(session);
        deliver(completed);
        awaitOutcome(completed, "PAID");
        return new PaidInvoice(pending, session.paymentIntentId());
    }

    record PaidInvoice(PendingInvoice pending, String paymentIntent) {
        com.merchantbilling.organizations.OrganizationId organization() {
            return pending.organization();
        }

        com.merchantbilling.invoicing.InvoiceId id() {
            return pending.id();
        }
    }

    private List<AuditEntry> audit(PaidInvoice paid, AuditAction action) {
        return audit(paid.pending(), action);
    }

    private List<AuditEntry> audit(PendingInvoice invoice, AuditAction action) {
        return details.find(invoice.organization(), invoice.id()).orElseThrow().auditTrail().stream()
                .filter(entry -> entry.action() == action).toList();
    }

    private double activityCount(String activity) {
        var counter = meters.find("payment.activity").tag("activity", activity).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
