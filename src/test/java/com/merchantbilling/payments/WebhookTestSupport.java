package com.merchantbilling.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.support.TestHttp;
import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.support.FakeStripe;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.Tenants;

/**
 * One application on a random port for all webhook and reconciliation tests (one cached context, one
 * database), real HTTP, and the {@link FakeStripe} server as Stripe's API (its links, payments, refunds and
 * disputes are the sandbox's). Most tests deliver webhooks they build for links they make up
 * ({@link #pendingInvoice}); those that need Stripe to know the link make it there ({@link #pendingInvoiceOnStripe}).
 * The keys are this context's own, so a webhook signed for another context fails here.
 */
@Import(Tenants.class)
@FakeStripe
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stripe.secret-key=sk_test_webhook",
        "stripe.webhook-secret=" + WebhookTestSupport.WEBHOOK_SECRET,
        "stripe.max-network-retries=0",
        // the tests pay on the fake without webhooks and assert what Check Payment finds: no catch-up in between
        "payments.reconciliation.enabled=false"})
abstract class WebhookTestSupport {

    static final String WEBHOOK_SECRET = "whsec_test_webhook_0123456789abcdef";
    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests linkRequests;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeploymentId deploymentId;
    @Autowired
    FakeStripeServer stripe;

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> post(String payload, String signature) {
        return post(payload, signature, "application/json; charset=utf-8");
    }

    HttpResponse<String> post(String payload, String signature, String contentType) {
        var request = HttpRequest.newBuilder(uri("/stripe/webhook"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return send(request.build());
    }

    /** Signed with the configured secret, as Stripe would. */
    HttpResponse<String> deliver(String payload) {
        return post(payload, StripeEvents.signature(payload, WEBHOOK_SECRET));
    }

    HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(http, request);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    OrganizationId organization(String name, Optional<String> stripeAccount) {
        return stripeAccount.map(account -> tenants.organization(name, account))
                .orElseGet(() -> tenants.organization(name));
    }

    /** One invoice of 1000 minor units in the currency, Pending Payment with a fresh link. */
    PendingInvoice pendingInvoice(OrganizationId organization, String currency) {
        var invoice = newInvoice(organization, currency);
        String link = tenants.pendingWithMadeUpLink(organization, invoice, "plink_test_", "webhook-test");
        return new PendingInvoice(organization, invoice, link);
    }

    /**
     * One invoice of 1000 minor units, Pending Payment with a link that exists on the fake Stripe (on the
     * organization's connected account, if any) with our metadata, recorded as the payments module records a
     * created one: a buyer can pay it there ({@code stripe.pay}).
     */
    PendingInvoice pendingInvoiceOnStripe(OrganizationId organization, Optional<String> account, String currency) {
        var invoice = newInvoice(organization, currency);
        linkRequests.request(organization, java.util.List.of(invoice), "webhook-test");
        String link = stripe.createPaymentLink(account.orElse(null),
                new com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata(deploymentId, organization,
                        invoice, 1).toMap(), 1000, currency);
        onlinePayments.recordPaymentLink(invoice, 1, link, stripe.sandbox().checkoutUrl(link), account);
        return new PendingInvoice(organization, invoice, link);
    }

    InvoiceId newInvoice(OrganizationId organization, String currency) {
        return tenants.invoices(organization, "W" + UUID.randomUUID().toString().substring(0, 8), 1, currency)
                .getFirst();
    }

    BillingInvoice invoice(OrganizationId organization, InvoiceId invoice) {
        return invoices.find(organization, invoice).orElseThrow();
    }

    /** The processing outcome stored with the event, once the processing after the response has run. */
    Optional<String> outcome(String eventId) {
        return jdbc.sql("select outcome from stripe_webhook_events where event_id = :id and processed_at is not null")
                .param("id", eventId)
                .query(String.class)
                .optional();
    }

    long storedEvents(String eventId) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    long recordedPayments(InvoiceId invoice) {
        return jdbc.sql("select count(*) from invoice_payments where invoice_id = :id")
                .param("id", invoice.value())
                .query(Long.class)
                .single();
    }

    /** The processing outcome, awaited. */
    void awaitOutcome(String payload, String expected) {
        var eventId = StripeEvents.eventId(payload);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> outcome(eventId).isPresent());
        org.assertj.core.api.Assertions.assertThat(outcome(eventId)).contains(expected);
    }

    record PendingInvoice(OrganizationId organization, InvoiceId id, String paymentLinkId) {
    }
}
