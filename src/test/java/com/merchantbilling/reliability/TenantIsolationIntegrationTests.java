package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkTargets;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.PaymentReconciliation;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

/**
 * Organization B asks for organization A's invoices through every API that takes an invoice id, and gets
 * exactly the answer it gets for an id that does not exist; A's rows stay as they were. Stripe events
 * for A's links change A's invoices only, whatever invoice their metadata names.
 */
class TenantIsolationIntegrationTests extends ReliabilityTestSupport {

    static final InvoiceId MISSING = new InvoiceId(Long.MAX_VALUE);

    @Autowired
    PaymentReconciliation reconciliation;

    OrganizationId a;
    OrganizationId b;
    String accountOfA;
    String prefixOfA;
    InvoiceId aOpen;
    InvoiceId aPending;
    InvoiceId bOpen;
    InvoiceId bPending;

    @BeforeEach
    void twoOrganizations() {
        accountOfA = "acct_A" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        a = tenants.subscribe(tenants.organization("Tenant A", accountOfA));
        b = tenants.subscribed("Tenant B");
        prefixOfA = "TA" + UUID.randomUUID().toString().substring(0, 6);
        var ofA = tenants.invoices(a, prefixOfA, 2, "JPY");
        var ofB = tenants.invoices(b, "TB", 2, "JPY");
        aOpen = ofA.get(0);
        aPending = ofA.get(1);
        bOpen = ofB.get(0);
        bPending = ofB.get(1);
        requests.request(a, List.of(aPending), "aiko");
        requests.request(b, List.of(bPending), "ben");
        awaitStatus(List.of(aPending, bPending), OnlinePaymentStatus.PENDING_PAYMENT);
    }

    @Test
    void anotherOrganizationsInvoiceDoesNotExistForB() {
        var before = rows(List.of(aOpen, aPending));
        long stripeCalls = stripe.totalRequests();

        assertThat(invoices.find(b, aOpen)).isEqualTo(invoices.find(b, MISSING)).isEmpty();
        assertThat(invoices.find(b, aPending)).isEmpty();
        assertThat(invoices.findAll(b, List.of(aOpen, aPending))).isEqualTo(invoices.findAll(b, List.of(MISSING)))
                .isEmpty();
        assertThat(invoices.findAll(b, List.of(aOpen, bOpen))).extracting(i -> i.id()).containsExactly(bOpen);
        assertThat(invoices.count(b, prefixOfA)).isZero();
        assertThat(invoices.page(b, prefixOfA, InvoiceSort.DEFAULT, 0, 100)).isEmpty();
        assertThat(invoices.page(b, "", InvoiceSort.DEFAULT, 0, 500)).extracting(i -> i.id())
                .containsExactlyInAnyOrder(bOpen, bPending);

        assertThat(requests.targets(b, List.of(aOpen, aPending)))
                .isEqualTo(new PaymentLinkTargets(List.of(), List.of(), List.of(aOpen, aPending)));
        assertThat(requests.targets(b, List.of(MISSING)))
                .isEqualTo(new PaymentLinkTargets(List.of(), List.of(), List.of(MISSING)));

        var request = requests.request(b, List.of(aOpen, aPending), "ben");
        assertThat(request.requested()).isEmpty();
        assertThat(request.skipped()).isEmpty();
        assertThat(request.notFound()).containsExactly(aOpen, aPending);

        assertThat(reconciliation.reconcile(b, aPending)).isEqualTo(reconciliation.reconcile(b, MISSING)).isEmpty();

        assertThat(rows(List.of(aOpen, aPending))).as("A's invoices untouched").isEqualTo(before);
        assertThat(stripe.totalRequests()).as("Stripe calls made for B's attempts").isEqualTo(stripeCalls);
        // and A itself is served: the empty answers above are not just a broken query
        assertThat(invoices.find(a, aOpen)).isPresent();
        assertThat(reconciliation.reconcile(a, aPending)).isPresent();
    }

    @Test
    void webhookEventsForAsLinksChangeOnlyAsInvoices() throws Exception {
        var bBefore = rows(List.of(bOpen, bPending));
        String linkOfA = linkId(aPending);

        // A's link paid, with metadata naming B's invoice: the link decides, not the metadata
        var paidAtA = new CheckoutSession(linkOfA, 2000, "jpy").invoiceId(bPending.value());
        var first = deliver(StripeEvents.completed(paidAtA, accountOfA));
        // no link at all, from A's connected account, naming B's invoice: refused (B's invoice has another link,
        // and its organization another account)
        var noLink = new CheckoutSession(null, 2000, "jpy").invoiceId(bPending.value());
        var second = deliver(StripeEvents.completed(noLink, accountOfA));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> outcome(first).isPresent()
                && outcome(second).isPresent());
        assertThat(outcome(first)).contains("PAID");
        assertThat(outcome(second)).hasValueSatisfying(outcome -> assertThat(outcome).startsWith("IGNORED_"));
        assertThat(invoices.find(a, aPending).orElseThrow().onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(rows(List.of(bOpen, bPending))).as("B's invoices untouched").isEqualTo(bBefore);
        assertThat(jdbc.sql("select count(*) from invoice_payments where invoice_id in (:ids)")
                .param("ids", List.of(bOpen.value(), bPending.value())).query(Long.class).single()).isZero();
    }

    private String deliver(String payload) throws Exception {
        assertThat(webhook(payload, MediaType.APPLICATION_JSON_VALUE).getStatus()).isEqualTo(200);
        return StripeEvents.eventId(payload);
    }

    private Optional<String> outcome(String eventId) {
        return jdbc.sql("select outcome from stripe_webhook_events where event_id = :id and processed_at is not null")
                .param("id", eventId).query(String.class).optional();
    }

    private String linkId(InvoiceId invoice) {
        return jdbc.sql("select payment_link_id from invoices where id = :id").param("id", invoice.value())
                .query(String.class).single();
    }
}
