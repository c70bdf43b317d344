package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaidDetails;
import com.merchantbilling.invoicing.PaymentFlag;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;
import com.stripe.Stripe;
import com.stripe.net.Webhook;

/** Webhook deliveries as Stripe makes them, and what they do to invoices once processed after the response. */
class StripeWebhookPaymentIntegrationTests extends WebhookTestSupport {

    static final Duration PROCESSING = Duration.ofSeconds(20);

    @Test
    void aPaidCheckoutSessionMakesTheInvoicePaid() {
        var invoice = pendingInvoice(organization("Paid", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy").invoiceId(invoice.id());
        var payload = StripeEvents.completed(session);

        var response = deliver(payload);

        assertThat(response.statusCode()).isEqualTo(200);
        awaitOutcome(payload, "PAID");
        var paid = invoice(invoice.organization(), invoice.id());
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid()).hasValueSatisfying(details -> {
            assertThat(details.paidAmount()).isEqualTo(Money.of(1000, "JPY"));
            assertThat(details.amountDiffers()).isFalse();
            assertThat(details.paidAt()).isNotNull();
        });
    }

    @Test
    void theInboxRowIsTheEventsDurableRecordWithoutAPublication() {
        var invoice = pendingInvoice(organization("Inbox", Optional.empty()), "JPY");
        var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));
        var eventId = StripeEvents.eventId(payload);

        deliver(payload);

        awaitOutcome(payload, "PAID");
        // issue 15: no Spring Modulith publication per event beside the row; the row says when and how it went
        assertThat(jdbc.sql("""
                        select count(*) from event_publication
                         where event_type like '%.payments.internal.webhook.%' or serialized_event like :id""")
                .param("id", "%" + eventId + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select attempts = 0 and retry_at is null and last_error is null and processed_at >= received_at
                          from stripe_webhook_events where event_id = :id""")
                .param("id", eventId).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aRedeliveredEventHasOneEffect() {
        var invoice = pendingInvoice(organization("Twice", Optional.empty()), "JPY");
        var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));

        assertThat(deliver(payload).body()).isEqualTo("Received");
        assertThat(deliver(payload).body()).isEqualTo("Duplicate");
        awaitOutcome(payload, "PAID");
        assertThat(deliver(payload).body()).isEqualTo("Duplicate");

        assertThat(storedEvents(StripeEvents.eventId(payload))).isEqualTo(1);
        assertThat(recordedPayments(invoice.id())).isEqualTo(1);
        assertThat(invoice(invoice.organization(), invoice.id()).paid().orElseThrow().paymentCount()).isEqualTo(1);
    }

    @Test
    void concurrentDeliveriesOfOneEventAreReceivedOnce() throws Exception {
        var invoice = pendingInvoice(organization("Concurrent", Optional.empty()), "JPY");
        var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));
        Callable<String> delivery = () -> deliver(payload).body();

        List<String> bodies;
        try (var executor = Executors.newFixedThreadPool(6)) {
            bodies = executor.invokeAll(java.util.Collections.nCopies(6, delivery)).stream()
                    .map(future -> {
                        try {
                            return future.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
        }

        assertThat(bodies).containsOnly("Received", "Duplicate").filteredOn("Received"::equals).hasSize(1);
        awaitOutcome(payload, "PAID");
        assertThat(recordedPayments(invoice.id())).isEqualTo(1);
    }

    @Test
    void theSameSessionUnderAnotherEventIsNotPaidTwice() {
        var invoice = pendingInvoice(organization("SameSession", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy");
        var completed = StripeEvents.completed(session);
        var succeeded = StripeEvents.event(StripeEvents.newEventId(), "checkout.session.async_payment_succeeded",
                session, null, Stripe.API_VERSION);

        deliver(completed);
        awaitOutcome(completed, "PAID");
        deliver(succeeded);

        awaitOutcome(succeeded, "ALREADY_RECORDED");
        assertThat(recordedPayments(invoice.id())).isEqualTo(1);
    }

    @Test
    void aDelayedPaymentPaysWhenItSucceedsNotWhenTheSessionCompletes() {
        var invoice = pendingInvoice(organization("Delayed", Optional.empty()), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy").paymentStatus("unpaid");
        var completed = StripeEvents.completed(session);

        deliver(completed);
        awaitOutcome(completed, "IGNORED_NOT_PAID");
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);

        var succeeded = StripeEvents.event(StripeEvents.newEventId(), "checkout.session.async_payment_succeeded",
                session.paymentStatus("paid"), null, Stripe.API_VERSION);
        deliver(succeeded);
        awaitOutcome(succeeded, "PAID");
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
    }

    /** Issue 10, defect 2: JPY 1 against JPY 1,000 billed, named only by the session's metadata, became Paid. */
    @Test
    void sessionMetadataAloneNeverPaysAnInvoiceWaitingForItsLink() {
        var organization = organization("MetadataOnly", Optional.empty());
        var requested = newInvoice(organization, "JPY");
        var failed = newInvoice(organization, "JPY");
        linkRequests.request(organization, List.of(requested, failed), "webhook-test");
        onlinePayments.recordPaymentLinkFailure(failed, 1, "timeout");
        // a link Stripe does not know (or not with our metadata), metadata naming our invoices, generic and ours
        var generic = StripeEvents.completed(new CheckoutSession("plink_unknown_" + requested, 1, "jpy")
                .invoiceId(requested));
        var namespaced = StripeEvents.completed(new CheckoutSession("plink_unknown_" + failed, 1000, "jpy")
                .metadata(new PaymentLinkMetadata(deploymentId, organization, failed, 1).toMap()));

        deliver(generic);
        deliver(namespaced);

        awaitOutcome(generic, "IGNORED_UNKNOWN_LINK");
        awaitOutcome(namespaced, "IGNORED_UNKNOWN_LINK");
        // the stub refuses to create links, so the request may have failed meanwhile: either way, not Paid
        assertThat(invoice(organization, requested).onlinePayment())
                .isIn(OnlinePaymentStatus.LINK_REQUESTED, OnlinePaymentStatus.LINK_FAILED);
        assertThat(invoice(organization, failed).onlinePayment()).isEqualTo(OnlinePaymentStatus.LINK_FAILED);
        assertThat(recordedPayments(requested) + recordedPayments(failed)).isZero();
    }

    @Test
    void inTheCrashWindowALinkStripeReturnsWithOurMetadataPaysAndIsRecorded() {
        var organization = organization("CrashWindow", Optional.of("acct_1CrashWindow"));
        var invoice = newInvoice(organization, "JPY");
        linkRequests.request(organization, List.of(invoice), "webhook-test");
        onlinePayments.recordPaymentLinkFailure(invoice, 1, "Read timed out");
        // Stripe made the link (our metadata on it) although our call timed out, and the buyer paid
        var link = stripe.createPaymentLink("acct_1CrashWindow",
                new PaymentLinkMetadata(deploymentId, organization, invoice, 1).toMap(), 1000, "JPY");
        var payload = StripeEvents.completed(new CheckoutSession(link, 1000, "jpy"), "acct_1CrashWindow");

        deliver(payload);

        awaitOutcome(payload, "PAID");
        var paid = invoice(organization, invoice);
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(onlinePayments.find(invoice).orElseThrow().paymentLinkId()).contains(link);
        assertThat(stripe.requests()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/payment_links/" + link);
            assertThat(call.header("Stripe-Account")).isEqualTo("acct_1CrashWindow");
        });
    }

    @Test
    void inTheCrashWindowALinkOfAnotherDeploymentOrAnotherInvoiceDoesNotPay() {
        var organization = organization("NotOurs", Optional.empty());
        var invoice = newInvoice(organization, "JPY");
        var other = newInvoice(organization, "JPY");
        linkRequests.request(organization, List.of(invoice), "webhook-test");
        var otherDeployment = stripe.createPaymentLink(null, new PaymentLinkMetadata(
                new DeploymentId("staging-" + invoice.value()), organization, invoice, 1).toMap(), 1000, "JPY");
        var otherInvoice = stripe.createPaymentLink(null,
                new PaymentLinkMetadata(deploymentId, organization, other, 1).toMap(), 1000, "JPY");
        var first = StripeEvents.completed(new CheckoutSession(otherDeployment, 1000, "jpy")
                .metadata(new PaymentLinkMetadata(deploymentId, organization, invoice, 1).toMap()));
        var second = StripeEvents.completed(new CheckoutSession(otherInvoice, 1000, "jpy")
                .metadata(new PaymentLinkMetadata(deploymentId, organization, invoice, 1).toMap()));

        deliver(first);
        deliver(second);

        awaitOutcome(first, "IGNORED_UNKNOWN_LINK");
        awaitOutcome(second, "IGNORED_UNKNOWN_LINK");
        assertThat(invoice(organization, invoice).onlinePayment())
                .isIn(OnlinePaymentStatus.LINK_REQUESTED, OnlinePaymentStatus.LINK_FAILED);
        assertThat(recordedPayments(invoice)).isZero();
        // the other invoice never had a link requested: the link naming it does not pay it either
        assertThat(invoice(organization, other).onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
        assertThat(onlinePayments.find(invoice).orElseThrow().paymentLinkId()).isEmpty();
    }

    @Test
    void metadataAloneCannotPayAnInvoiceWithoutALinkRequestOrWithAnotherLink() {
        var organization = organization("Metadata", Optional.empty());
        var neverRequested = newInvoice(organization, "JPY");
        var withLink = pendingInvoice(organization, "JPY");
        var first = StripeEvents.completed(new CheckoutSession("plink_foreign_1", 1000, "jpy").invoiceId(neverRequested));
        var second = StripeEvents.completed(new CheckoutSession("plink_foreign_2", 1000, "jpy").invoiceId(withLink.id()));

        deliver(first);
        deliver(second);

        awaitOutcome(first, "IGNORED_UNKNOWN_LINK");
        awaitOutcome(second, "IGNORED_UNKNOWN_LINK");
        assertThat(invoice(organization, neverRequested).onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
        assertThat(invoice(organization, withLink.id()).onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }

    @Test
    void aSessionForALinkWeDoNotKnowIsAnsweredAndIgnored() {
        var payload = StripeEvents.completed(new CheckoutSession("plink_not_ours", 5000, "usd"));

        assertThat(deliver(payload).statusCode()).isEqualTo(200);

        awaitOutcome(payload, "IGNORED_UNKNOWN_LINK");
    }

    @Test
    void aSessionFromAnotherConnectedAccountIsIgnored() {
        var invoice = pendingInvoice(organization("Connected", Optional.of("acct_1OwnAccount")), "JPY");
        var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy").invoiceId(invoice.id());
        var foreign = StripeEvents.completed(session, "acct_1SomeoneElse");

        assertThat(deliver(foreign).statusCode()).isEqualTo(200);

        awaitOutcome(foreign, "IGNORED_WRONG_ACCOUNT");
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);

        var own = StripeEvents.completed(session, "acct_1OwnAccount");
        deliver(own);
        awaitOutcome(own, "PAID");
    }

    @Test
    void lessThanBilledIsNotPaidButShownForReview() {
        var invoice = pendingInvoice(organization("Short", Optional.empty()), "USD");
        var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 999, "usd"));

        deliver(payload);

        awaitOutcome(payload, "PAYMENT_DIFFERS");
        var row = invoice(invoice.organization(), invoice.id());
        assertThat(row.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(row.paid()).isEmpty();
        assertThat(row.flags()).containsExactly(PaymentFlag.PAYMENT_DIFFERS);
        assertThat(row.differingPayment()).contains(Money.of(999, "USD"));
        assertThat(recordedPayments(invoice.id())).isEqualTo(1);
    }

    @Test
    void anotherCurrencyIsNotPaid() {
        var invoice = pendingInvoice(organization("Currency", Optional.empty()), "JPY");
        var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "usd"));

        deliver(payload);

        awaitOutcome(payload, "PAYMENT_DIFFERS");
        var row = invoice(invoice.organization(), invoice.id());
        assertThat(row.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(row.differingPayment()).contains(Money.of(1000, "USD"));
    }

    @Test
    void moreThanBilledIsPaidAndFlagged() {
        var invoice = pendingInvoice(organization("More", Optional.empty()), "USD");
        var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1500, "usd"));

        deliver(payload);

        awaitOutcome(payload, "PAID_AMOUNT_DIFFERS");
        var paid = invoice(invoice.organization(), invoice.id());
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.flags()).containsExactly(PaymentFlag.OVERPAID);
        assertThat(paid.paid()).hasValueSatisfying(details -> {
            assertThat(details.paidAmount()).isEqualTo(Money.of(1500, "USD"));
            assertThat(details.needsAttention()).isTrue();
        });
    }

    @Test
    void aSecondPaidSessionForAPaidInvoiceIsKeptAndFlagged() {
        var invoice = pendingInvoice(organization("PaidTwice", Optional.empty()), "JPY");
        var first = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));
        var second = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));

        deliver(first);
        awaitOutcome(first, "PAID");
        deliver(second);
        awaitOutcome(second, "ADDITIONAL_PAYMENT");

        var paid = invoice(invoice.organization(), invoice.id());
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid().map(PaidDetails::paymentCount)).contains(2);
        assertThat(paid.paid().map(PaidDetails::needsAttention)).contains(true);
        assertThat(recordedPayments(invoice.id())).isEqualTo(2);
    }

    @Test
    void readsEventsRenderedInAnotherApiVersion() {
        var invoice = pendingInvoice(organization("OldVersion", Optional.empty()), "JPY");
        var payload = StripeEvents.event(StripeEvents.newEventId(), "checkout.session.completed",
                new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"), null, "2020-08-27");
        // the case this covers: stripe-java will not deserialize data.object for this version
        assertThat(Webhook.constructEventWithoutVerification(payload).getDataObjectDeserializer().getObject())
                .isEmpty();

        deliver(payload);

        awaitOutcome(payload, "PAID");
        assertThat(invoice(invoice.organization(), invoice.id()).onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
    }

}
