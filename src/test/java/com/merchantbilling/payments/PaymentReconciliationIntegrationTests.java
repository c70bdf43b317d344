package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentFlag;
import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;
import com.merchantbilling.support.FakeStripeServer.RecordedRequest;
import com.merchantbilling.support.StripeEvents;

/**
 * Check Payment: payments whose webhook never came, found by asking Stripe about the one invoice, and applied the
 * way the webhook applies them. The buyer pays on the fake Stripe, which sends no webhook here; refunds and
 * disputes are made there as in the Dashboard, their webhooks lost too.
 */
class PaymentReconciliationIntegrationTests extends WebhookTestSupport {

    @Autowired
    PaymentReconciliation reconciliation;

    @Test
    void recordsAPaymentWhoseWebhookWasMissed() {
        var invoice = pendingInvoiceOnStripe(organization("Missed", Optional.empty()), Optional.empty(), "USD");
        pay(invoice);

        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result).isEqualTo(new ReconciliationResult(invoice.id(), 1, 1, OnlinePaymentStatus.PAID));
        var paid = invoice(invoice.organization(), invoice.id());
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid().orElseThrow().paidAmount()).isEqualTo(Money.of(1000, "USD"));
        assertThat(sessionListings(invoice.paymentLinkId())).singleElement().satisfies(call -> {
            assertThat(call.queryParameters()).containsEntry("status", "complete");
            assertThat(call.header("Stripe-Account")).isNull();
        });
    }

    /** Issue 10, defect 3: Check Payment on a Paid invoice sees a refund the webhook never delivered. */
    @Test
    void seesARefundOfARecordedPayment() {
        var invoice = pendingInvoiceOnStripe(organization("RefundSeen", Optional.empty()), Optional.empty(), "JPY");
        var intent = pay(invoice);
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(invoice(invoice.organization(), invoice.id()).flags()).isEmpty();

        // refunded in the Dashboard; the charge.refunded webhook is lost
        stripe.refund(intent, 400);
        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(invoice(invoice.organization(), invoice.id()).flags())
                .containsExactly(PaymentFlag.PARTIALLY_REFUNDED);
        assertThat(stripe.requests()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/payment_intents/" + intent);
            assertThat(call.queryParameters()).containsValue("latest_charge");
        });
    }

    @Test
    void seesADisputeOfARecordedPaymentAndItsLoss() {
        var invoice = pendingInvoiceOnStripe(organization("DisputeSeen", Optional.empty()), Optional.empty(), "JPY");
        var intent = pay(invoice);
        reconciliation.reconcile(invoice.organization(), invoice.id());

        // the buyer's bank disputes the charge; the charge.dispute.* webhooks are lost
        var dispute = stripe.dispute(intent);
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(invoice(invoice.organization(), invoice.id()).flags()).containsExactly(PaymentFlag.DISPUTED);

        stripe.closeDispute(intent, (String) dispute.get("id"), "lost");
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(invoice(invoice.organization(), invoice.id()).flags()).containsExactly(PaymentFlag.DISPUTE_LOST);
        assertThat(stripe.requests()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/disputes");
            assertThat(call.queryParameters()).containsEntry("payment_intent", intent);
        });
    }

    @Test
    void anUndisputedChargeCostsNoDisputeListing() {
        var invoice = pendingInvoiceOnStripe(organization("NoDispute", Optional.empty()), Optional.empty(), "JPY");
        pay(invoice);
        reconciliation.reconcile(invoice.organization(), invoice.id());
        reconciliation.reconcile(invoice.organization(), invoice.id());
        assertThat(stripe.requests()).filteredOn(call -> call.path().equals("/v1/payment_intents/"
                + onlinePayments.recordedPaymentIntents(invoice.id()).getFirst())).hasSize(2);
        assertThat(stripe.requests()).noneSatisfy(call -> assertThat(call.path()).startsWith("/v1/disputes"));
    }

    @Test
    void aPaymentReportedByReconciliationAndByALateWebhookCountsOnce() {
        var invoice = pendingInvoiceOnStripe(organization("Both", Optional.empty()), Optional.empty(), "JPY");
        pay(invoice);
        reconciliation.reconcile(invoice.organization(), invoice.id());

        // the fake's own checkout.session.completed for that payment, delivered late
        var late = stripe.events(null).stream()
                .filter(event -> event.payload().contains(invoice.paymentLinkId())).findFirst().orElseThrow()
                .payload();
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
        var organization = organization("ConnectedRecon", Optional.of("acct_1Recon"));
        var invoice = pendingInvoiceOnStripe(organization, Optional.of("acct_1Recon"), "JPY");
        pay(invoice);

        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(sessionListings(invoice.paymentLinkId())).singleElement()
                .satisfies(call -> assertThat(call.header("Stripe-Account")).isEqualTo("acct_1Recon"));
    }

    @Test
    void anotherOrganizationsInvoiceIsNotFoundAndStripeIsNotAsked() {
        var invoice = pendingInvoiceOnStripe(organization("Owner", Optional.empty()), Optional.empty(), "JPY");
        pay(invoice);
        var intruder = organization("Intruder", Optional.empty());

        assertThat(reconciliation.reconcile(intruder, invoice.id())).isEmpty();

        assertThat(sessionListings(invoice.paymentLinkId())).isEmpty();
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }

    @Test
    void nothingPaidLeavesTheInvoicePending() {
        var invoice = pendingInvoiceOnStripe(organization("Unpaid", Optional.empty()), Optional.empty(), "JPY");

        var result = reconciliation.reconcile(invoice.organization(), invoice.id()).orElseThrow();

        assertThat(result).isEqualTo(new ReconciliationResult(invoice.id(), 0, 0, OnlinePaymentStatus.PENDING_PAYMENT));
        assertThat(sessionListings(invoice.paymentLinkId())).hasSize(1);
    }

    @Test
    void aStripeFailureIsReportedNotSwallowed() {
        var invoice = pendingInvoiceOnStripe(organization("StripeDown", Optional.empty()), Optional.empty(), "JPY");
        stripe.setFaults(FaultPlan.always(Fault.FAIL_500)
                .onlyFor(request -> request.path().equals("/v1/checkout/sessions")));

        assertThatThrownBy(() -> reconciliation.reconcile(invoice.organization(), invoice.id()))
                .isInstanceOf(PaymentReconciliationException.class)
                .hasMessageContaining("Stripe could not be asked about the payments of invoice W");
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }

    /** Pays the link on the fake as a buyer would; no webhook comes. Returns the payment intent. */
    private String pay(PendingInvoice invoice) {
        var result = stripe.pay(invoice.paymentLinkId(), SandboxStripe.SUCCEEDING_CARD);
        assertThat(result.session()).as(result.message()).isNotNull();
        return result.session().paymentIntentId();
    }

    private List<RecordedRequest> sessionListings(String paymentLink) {
        return stripe.requests().stream()
                .filter(call -> call.method().equals("GET") && call.path().equals("/v1/checkout/sessions"))
                .filter(call -> paymentLink.equals(call.queryParameters().get("payment_link")))
                .toList();
    }
}
