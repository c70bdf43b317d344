package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;

import com.merchantbilling.invoicing.events.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.events.InvoicePaid;
import com.merchantbilling.invoicing.events.PaymentActivity;
import com.merchantbilling.invoicing.events.PaymentActivityRecorded;
import com.merchantbilling.invoicing.onlinepayments.BillingInvoiceReference;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.onlinepayments.PaymentOutcome;
import com.merchantbilling.invoicing.onlinepayments.ReceivedPayment;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.Tenants;

/** Recording payments Stripe reports, on the invoice aggregate and its tables. */
@ApplicationModuleTest(extraIncludes = "organizations")
@Import(Tenants.class)
class RecordPaymentIntegrationTests {

    static final Instant PAID_AT = Instant.parse("2026-11-20T10:15:30Z");

    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    PaymentLinkRequests linkRequests;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    Tenants tenants;

    OrganizationId organization;
    List<InvoiceId> ids;
    String run;

    @BeforeEach
    void invoices() {
        run = UUID.randomUUID().toString().substring(0, 8);
        organization = tenants.organization("Payer");
        // amounts 1000, 2000, 3000 JPY
        ids = tenants.invoices(organization, "P", 3, "JPY");
    }

    @Test
    void pendingInvoiceBecomesPaidWithTheReceivedAmount(PublishedEvents events) {
        var invoice = pendingPayment(ids.get(0));

        var outcome = onlinePayments.recordPayment(invoice, payment("cs_1", Money.of(1000, "JPY")));

        assertThat(outcome).isEqualTo(PaymentOutcome.PAID);
        var paid = invoices.find(organization, invoice).orElseThrow();
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid()).contains(new PaidDetails(PAID_AT, Money.of(1000, "JPY"), false, 1));
        assertThat(paid.paid().orElseThrow().needsAttention()).isFalse();
        assertThat(events.ofType(InvoicePaid.class).matching(e -> e.invoiceId().equals(invoice)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.organizationId()).isEqualTo(organization);
                    assertThat(e.paidAmount()).isEqualTo(Money.of(1000, "JPY"));
                    assertThat(e.amountDiffers()).isFalse();
                });
    }

    @Test
    void theSameSessionReportedAgainChangesNothing() {
        var invoice = pendingPayment(ids.get(0));
        onlinePayments.recordPayment(invoice, payment("cs_1", Money.of(1000, "JPY")));

        var again = onlinePayments.recordPayment(invoice, payment("cs_1", Money.of(1000, "JPY")));

        assertThat(again).isEqualTo(PaymentOutcome.ALREADY_RECORDED);
        assertThat(invoices.find(organization, invoice).orElseThrow().paid().orElseThrow().paymentCount()).isEqualTo(1);
    }

    @Test
    void aSecondSessionForAPaidInvoiceIsKeptAndFlaggedAndTheInvoiceStaysPaid(PublishedEvents events) {
        var invoice = pendingPayment(ids.get(0));
        onlinePayments.recordPayment(invoice, payment("cs_1", Money.of(1000, "JPY")));

        var second = onlinePayments.recordPayment(invoice, payment("cs_2", Money.of(1000, "JPY")));

        assertThat(second).isEqualTo(PaymentOutcome.ADDITIONAL_PAYMENT);
        var paid = invoices.find(organization, invoice).orElseThrow();
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid().orElseThrow().paymentCount()).isEqualTo(2);
        assertThat(paid.paid().orElseThrow().needsAttention()).isTrue();
        assertThat(events.ofType(AdditionalPaymentReceived.class).matching(e -> e.invoiceId().equals(invoice)))
                .singleElement()
                .satisfies(e -> assertThat(e.checkoutSessionId()).isEqualTo(suffixed("cs_2")));
        assertThat(events.ofType(InvoicePaid.class).matching(e -> e.invoiceId().equals(invoice))).hasSize(1);
    }

    @Test
    void lessOrAnotherCurrencyIsKeptButDoesNotPayTheInvoice(PublishedEvents events) {
        var lower = pendingPayment(ids.get(1));
        var otherCurrency = pendingPayment(ids.get(2));

        assertThat(onlinePayments.recordPayment(lower, payment("cs_low", Money.of(1500, "JPY"))))
                .isEqualTo(PaymentOutcome.PAYMENT_DIFFERS);
        assertThat(onlinePayments.recordPayment(otherCurrency, payment("cs_usd", Money.of(3000, "USD"))))
                .isEqualTo(PaymentOutcome.PAYMENT_DIFFERS);

        var low = invoices.find(organization, lower).orElseThrow();
        assertThat(low.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(low.paid()).isEmpty();
        assertThat(low.flags()).containsExactly(PaymentFlag.PAYMENT_DIFFERS);
        assertThat(low.differingPayment()).contains(Money.of(1500, "JPY"));
        var usd = invoices.find(organization, otherCurrency).orElseThrow();
        assertThat(usd.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(usd.differingPayment()).contains(Money.of(3000, "USD"));
        assertThat(events.ofType(InvoicePaid.class).matching(e -> e.invoiceId().equals(lower)
                || e.invoiceId().equals(otherCurrency))).isEmpty();
        assertThat(events.ofType(PaymentActivityRecorded.class).matching(e -> e.invoiceId().equals(lower)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.activity()).isEqualTo(PaymentActivity.PAYMENT_DIFFERS);
                    assertThat(e.detail()).isEqualTo("Paid JPY 1,500, billed JPY 2,000");
                });
    }

    @Test
    void moreThanBilledIsPaidAndFlaggedOverpaid() {
        var invoice = pendingPayment(ids.get(0));

        assertThat(onlinePayments.recordPayment(invoice, payment("cs_more", Money.of(1200, "JPY"))))
                .isEqualTo(PaymentOutcome.PAID_AMOUNT_DIFFERS);

        var paid = invoices.find(organization, invoice).orElseThrow();
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid()).contains(new PaidDetails(PAID_AT, Money.of(1200, "JPY"), true, 1));
        assertThat(paid.flags()).containsExactly(PaymentFlag.OVERPAID);
    }

    @Test
    void aPaymentThatOvertakesItsLinkStillPaysAndTheLateLinkKeepsItPaid() {
        var invoice = ids.get(0);
        linkRequests.request(organization, List.of(invoice), "tester");
        assertThat(onlinePayments.find(invoice).orElseThrow().onlinePayment())
                .isEqualTo(OnlinePaymentStatus.LINK_REQUESTED);

        assertThat(onlinePayments.recordPayment(invoice, payment("cs_early", Money.of(1000, "JPY"))))
                .isEqualTo(PaymentOutcome.PAID);
        onlinePayments.recordPaymentLink(invoice, 1, "plink_late", "https://buy.stripe.com/late");

        var reference = onlinePayments.find(invoice).orElseThrow();
        assertThat(reference.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(reference.paymentLinkId()).contains("plink_late");
    }

    @Test
    void anInvoiceThatNeverHadALinkCannotBePaidThroughOne() {
        var outcome = onlinePayments.recordPayment(ids.get(0), payment("cs_x", Money.of(1000, "JPY")));

        assertThat(outcome).isEqualTo(PaymentOutcome.NOT_PAYABLE);
        assertThat(invoices.find(organization, ids.get(0)).orElseThrow().onlinePayment())
                .isEqualTo(OnlinePaymentStatus.NOT_CREATED);
    }

    @Test
    void findsPendingPaymentsWithLinksOlderThanAGivenMoment() {
        var first = pendingPayment(ids.get(0));
        var second = pendingPayment(ids.get(1));
        var paid = pendingPayment(ids.get(2));
        onlinePayments.recordPayment(paid, payment("cs_p", Money.of(3000, "JPY")));
        var later = Instant.now().plus(1, ChronoUnit.MINUTES);

        // from this test's first invoice on: the context's database also holds other classes' pending invoices
        var all = onlinePayments.findPendingPayment(later, Optional.of(new InvoiceId(first.value() - 1)), 10);
        assertThat(all).extracting(BillingInvoiceReference::id).startsWith(first, second).doesNotContain(paid);
        assertThat(onlinePayments.findPendingPayment(later, Optional.of(first), 1))
                .extracting(BillingInvoiceReference::id).containsExactly(second);
        assertThat(onlinePayments.findPendingPayment(Instant.now().minus(1, ChronoUnit.HOURS), Optional.empty(), 10))
                .extracting(BillingInvoiceReference::id).doesNotContain(first, second);
    }

    private InvoiceId pendingPayment(InvoiceId invoice) {
        linkRequests.request(organization, List.of(invoice), "tester");
        onlinePayments.recordPaymentLink(invoice, 1, suffixed("plink_" + invoice), "https://buy.stripe.com/" + invoice);
        return invoice;
    }

    /** Session and link ids are unique across the database: each test gets its own. */
    private String suffixed(String id) {
        return id + "_" + run;
    }

    private ReceivedPayment payment(String session, Money amount) {
        return new ReceivedPayment(suffixed(session), Optional.empty(), amount, PAID_AT, Optional.of("evt_" + session),
                Optional.of(suffixed("pi_" + session)));
    }
}
