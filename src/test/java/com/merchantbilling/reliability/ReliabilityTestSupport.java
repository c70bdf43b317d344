package com.merchantbilling.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.WebApplicationContext;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.support.FakeStripe;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.Tenants;

/**
 * One application context (one database) against one fake Stripe for the fault, race, tenancy and bad input
 * tests. Stripe's read timeout is short so that a slow answer is a timeout within the test's time; retries
 * back off briefly; link requests whose retries ran out are resubmitted after seconds, not minutes.
 */
@IntegrationTest(properties = {
        "stripe.read-timeout=1s",
        "stripe.retry-backoff=20ms",
        "payments.links.resolution.initial-backoff=20ms",
        "payments.links.resolution.max-backoff=200ms",
        "stripe.rate-limit-per-second=100",
        "payments.links.resubmit-older-than=5s",
        "payments.links.resubmit-interval=2s",
        "payments.webhook.resubmit-after=5s"})
abstract class ReliabilityTestSupport {

    static final String WEBHOOK_SECRET = FakeStripe.WEBHOOK_SECRET;
    static final Duration LINKS_DONE = Duration.ofSeconds(90);

    /** One server for all subclasses (they share this context); faults and counters reset before each test. */
    @Autowired
    FakeStripeServer stripe;
    @Autowired
    Tenants tenants;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebApplicationContext context;

    /**
     * A signed delivery to the webhook servlet as this context registered it. The servlet is not Spring MVC's
     * (see StripeWebhookServlet), so MockMvc cannot reach it; its own service method can, with the same mocks.
     */
    org.springframework.mock.web.MockHttpServletResponse webhook(String body, String contentType) throws Exception {
        var servlet = context.getBean("stripeWebhookServlet",
                org.springframework.boot.web.servlet.ServletRegistrationBean.class).getServlet();
        var request = new org.springframework.mock.web.MockHttpServletRequest("POST", "/stripe/webhook");
        request.setServletPath("/stripe/webhook");
        request.setContentType(contentType);
        request.addHeader("Stripe-Signature", StripeEvents.signature(body, WEBHOOK_SECRET));
        request.setContent(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var response = new org.springframework.mock.web.MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }

    long countWithStatus(List<InvoiceId> ids, OnlinePaymentStatus status) {
        return jdbc.sql("select count(*) from invoices where id in (:ids) and online_payment_status = :status")
                .param("ids", ids.stream().map(InvoiceId::value).toList())
                .param("status", status.name())
                .query(Long.class).single();
    }

    void awaitStatus(List<InvoiceId> ids, OnlinePaymentStatus status) {
        Awaitility.await(ids.size() + " invoices " + status).atMost(LINKS_DONE).pollInterval(Duration.ofMillis(100))
                .until(() -> countWithStatus(ids, status) == ids.size());
    }

    long linksAtStripe(InvoiceId invoice) {
        return stripe.linksForInvoice(Long.toString(invoice.value())).size();
    }

    String linkIdOf(InvoiceId invoice) {
        return jdbc.sql("select payment_link_id from invoices where id = :id").param("id", invoice.value())
                .query(String.class).single();
    }

    long activeLinksAtStripe(InvoiceId invoice) {
        return stripe.activeLinksForInvoice(Long.toString(invoice.value())).size();
    }

    /** Idempotency keys the app sent for the invoice's link: one per request of a link. */
    List<String> idempotencyKeys(InvoiceId invoice) {
        return stripe.createRequests().stream()
                .filter(r -> Long.toString(invoice.value())
                        .equals(r.formParameters().get("metadata[merchant_billing_invoice]")))
                .map(FakeStripeServer.RecordedRequest::idempotencyKey).distinct().toList();
    }

    /** Every column of the invoice rows, to show that a refused action changed nothing. */
    List<Map<String, Object>> rows(List<InvoiceId> ids) {
        return jdbc.sql("select * from invoices where id in (:ids) order by id")
                .param("ids", ids.stream().map(InvoiceId::value).toList())
                .query().listOfRows();
    }

    long tableCount(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
