package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

/** Payments whose webhook never came, found by asking Stripe, and applied the way the webhook applies them. */
class PaymentReconciliationIntegrationTests extends WebhookTestSupport {

    @Autowired
    PaymentReconciliation reconciliation;

    @Test
    void recordsAPaymentWhoseWebhookWasMissed() {
        var invoice = pendingInvoice(organization("Missed", Optional.empty()), "USD");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "usd").invoiceId(invoice.id());
        STRIPE.completedSession(null, session);

        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result).isEqualTo(new ReconciliationResult(invoice.id(), 1, 1, OnlinePaymentStatus.PAID));
        var paid = invoice(invoice.organization(), invoice.id());
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid().orElseThrow().paidAmount()).isEqualTo(Money.of(1000, "USD"));
        assertThat(STRIPE.callsFor(invoice.paymentLinkId())).singleElement().satisfies(call -> {
            assertThat(call.path()).isEqualTo("/v1/checkout/sessions");
            assertThat(call.query()).containsEntry("status", "complete");
            assertThat(call.stripeAccount()).isEmpty();
        });
    }

    /** Issue 10, defect 3: Check Payment on a Paid invoice sees a refund the webhook never delivered. */
    @Test
    void seesARefundOfARecordedPayment() {
        var invoice = pendingInvoice(organization("RefundSeen", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy");
        STRIPE.completedSession(null, session);
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(invoice(invoice.organization(), invoice.id()).flags()).isEmpty();

        // refunded in the Dashboard; the charge.refunded webhook is lost
        STRIPE.paymentIntent(null, session.paymentIntentId(),
                StripeEvents.charge(session.paymentIntentId(), 1000, 400, "jpy"));
        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(invoice(invoice.organization(), invoice.id()).flags())
                .containsExactly(com.merchantbilling.invoicing.PaymentFlag.PARTIALLY_REFUNDED);
        assertThat(STRIPE.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/payment_intents/" + session.paymentIntentId());
            assertThat(call.query()).containsValue("latest_charge");
        });
    }

    @Test
    void seesADisputeOfARecordedPaymentAndItsLoss() {
        var invoice = pendingInvoice(organization("DisputeSeen", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy");
        STRIPE.completedSession(null, session);
        reconciliation.reconcile(invoice.organization(), invoice.id());

        // the buyer's bank disputes the charge; the charge.dispute.* webhooks are lost
        var charge = StripeEvents.charge(session.paymentIntentId(), 1000, 0, "jpy");
        charge.addProperty("disputed", true);
        STRIPE.paymentIntent(null, session.paymentIntentId(), charge);
        var dispute = StripeEvents.dispute("dp_seen_" + invoice.id(), session.paymentIntentId(), 1000, "jpy",
                "needs_response");
        STRIPE.dispute(null, dispute);
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(invoice(invoice.organization(), invoice.id()).flags())
                .containsExactly(com.merchantbilling.invoicing.PaymentFlag.DISPUTED);

        dispute.addProperty("status", "lost");
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(invoice(invoice.organization(), invoice.id()).flags())
                .containsExactly(com.merchantbilling.invoicing.PaymentFlag.DISPUTE_LOST);
        assertThat(STRIPE.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/disputes");
            assertThat(call.query()).containsEntry("payment_intent", session.paymentIntentId());
        });
    }

    @Test
    void anUndisputedChargeCostsNoDisputeListing() {
        var invoice = pendingInvoice(organization("NoDispute", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy");
        STRIPE.completedSession(null, session);
        reconciliation.reconcile(invoice.organization(), invoice.id());
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(STRIPE.calls()).noneSatisfy(call -> assertThat(call.query())
                .containsEntry("payment_intent", session.paymentIntentId()));
    }

    @Test
    void aPaymentReportedByReconciliationAndByALateWebhookCountsOnce() {
        var invoice = pendingInvoice(organization("Both", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy");
        STRIPE.completedSession(null, session);
        reconciliation.reconcile(invoice.organization(), invoice.id());

        var late = StripeEvents.completed(session);
        deliver(late);
        await().atMost(Duration.ofSeconds(20)).until(() -> outcome(StripeEvents.eventId(late)).isPresent());

        assertThat(outcome(StripeEvents.eventId(late))).contains("ALREADY_RECORDED");
        assertThat(recordedPayments(invoice.id())).isEqualTo(1);
        // and asking again finds nothing new
        assertThat(reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow().paymentsRecorded())
                .isZero();
    }

    @Test
    void asksOnTheOrganizationsConnectedAccount() {
        var invoice = pendingInvoice(organization("ConnectedRecon", Optional.of("acct_1Recon")), "JPY");
        STRIPE.completedSession("acct_1Recon", new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));

        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(STRIPE.callsFor(invoice.paymentLinkId())).singleElement()
                .satisfies(call -> assertThat(call.stripeAccount()).contains("acct_1Recon"));
    }

    @Test
    void anotherOrganizationsInvoiceIsNotFoundAndStripeIsNotAsked() {
        var invoice = pendingInvoice(organization("Owner", Optional.empty()), "JPY");
        STRIPE.completedSession(null, new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));
        var intruder = organization("Intruder", Optional.empty());

        assertThat(reconciliation.reconcile(intruder, invoice.id())).isEmpty();

        assertThat(STRIPE.callsFor(invoice.paymentLinkId())).isEmpty();
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }

    @Test
    void nothingPaidLeavesTheInvoicePending() {
        var invoice = pendingInvoice(organization("Unpaid", Optional.empty()), "JPY");

        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result).isEqualTo(new ReconciliationResult(invoice.id(), 0, 0, OnlinePaymentStatus.PENDING_PAYMENT));
    }

    @Test
    void aStripeFailureIsReportedNotSwallowed() {
        var invoice = pendingInvoice(organization("StripeDown", Optional.empty()), "JPY");
        STRIPE.failListing(invoice.paymentLinkId());

        assertThatThrownBy(() -> reconciliation.reconcile(invoice.organization(), invoice.id()))
                .isInstanceOf(PaymentReconciliationException.class)
                .hasMessageContaining("Stripe could not be asked about the payments of invoice W");
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }
}
