package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.PaymentLinkRequests.IneligibleInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.TooManyInvoicesSelectedException;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.invoicing.onlinepayments.BillingInvoiceReference;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.onlinepayments.PaymentLinkRecording;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.Tenants;

/** Eligibility and the atomic claim behind "Create Payment Link", on PostgreSQL. */
@ApplicationModuleTest(extraIncludes = "organizations")
@Import(Tenants.class)
class PaymentLinkRequestsIntegrationTests {

    @Autowired
    PaymentLinkRequests requests;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    Tenants tenants;

    OrganizationId sakura;
    OrganizationId maple;

    @BeforeEach
    void organizations() {
        sakura = tenants.organization("Sakura");
        maple = tenants.organization("Maple");
    }

    @Test
    void onlyInvoicesWithoutALinkAndAPositiveAmountAreTargets() {
        var positive = tenants.invoice(sakura, "P-1", 1500, "JPY");
        var zero = tenants.invoice(sakura, "Z-1", 0, "JPY");
        var credit = tenants.invoice(sakura, "C-1", -500, "USD");
        var linked = tenants.invoice(sakura, "L-1", 1234, "USD");
        requests.request(sakura, List.of(linked), "aiko");
        onlinePayments.recordPaymentLink(linked, 1, "plink_1", "https://buy.stripe.com/test_1");
        var creating = tenants.invoice(sakura, "R-1", 999, "USD");
        requests.request(sakura, List.of(creating), "aiko");
        var foreign = tenants.invoice(maple, "F-1", 1000, "USD");

        var targets = requests.targets(sakura, List.of(positive, zero, credit, linked, creating, foreign));

        assertThat(targets.eligible()).extracting(BillingInvoice::id).containsExactly(positive);
        assertThat(targets.ineligible()).extracting(i -> i.invoice().invoiceNumber(), IneligibleInvoice::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Z-1", Ineligibility.AMOUNT_NOT_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple("C-1", Ineligibility.AMOUNT_NOT_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple("L-1", Ineligibility.LINK_EXISTS),
                        org.assertj.core.groups.Tuple.tuple("R-1", Ineligibility.LINK_BEING_CREATED));
        assertThat(targets.notFound()).containsExactly(foreign);
    }

    @Test
    void requestClaimsEligibleInvoicesAndPublishesOneEventEach(AssertablePublishedEvents events) {
        var jpy = tenants.invoice(sakura, "J-1", 1500, "JPY");
        var usd = tenants.invoice(sakura, "U-1", 1234, "USD");
        var zero = tenants.invoice(sakura, "Z-2", 0, "USD");

        var result = requests.request(sakura, List.of(jpy, usd, zero), "aiko");

        assertThat(result.requested()).containsExactlyInAnyOrder(jpy, usd);
        assertThat(result.skipped()).extracting(i -> i.invoice().id()).containsExactly(zero);
        assertThat(events.ofType(PaymentLinkRequested.class)).hasSize(2);
        assertThat(events.ofType(PaymentLinkRequested.class)
                .matching(e -> e.invoiceId().equals(jpy) && e.billingAmount().equals(Money.of(1500, "JPY"))
                        && e.attempt() == 1 && e.requestedBy().equals("aiko") && e.organizationId().equals(sakura)))
                .hasSize(1);
        assertThat(invoices.find(sakura, jpy).orElseThrow().onlinePayment()).isEqualTo(OnlinePaymentStatus.LINK_REQUESTED);
        assertThat(invoices.find(sakura, zero).orElseThrow().onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
    }

    @Test
    void anotherOrganizationCannotRequestLinksForTheseInvoices(AssertablePublishedEvents events) {
        var invoice = tenants.invoice(sakura, "T-1", 1500, "JPY");

        var result = requests.request(maple, List.of(invoice), "intruder");

        assertThat(result.requested()).isEmpty();
        assertThat(result.notFound()).containsExactly(invoice);
        assertThat(events.ofType(PaymentLinkRequested.class)).isEmpty();
        assertThat(invoices.find(sakura, invoice).orElseThrow().onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
    }

    @Test
    void moreThanOneHundredInvoicesAreRefusedAndNothingChanges() {
        var ids = tenants.invoices(sakura, "B", 101, "JPY");

        assertThatThrownBy(() -> requests.request(sakura, ids, "aiko"))
                .isInstanceOf(TooManyInvoicesSelectedException.class)
                .hasMessageContaining("at most 100");
        assertThat(invoices.findAll(sakura, ids)).allMatch(i -> i.onlinePayment() == OnlinePaymentStatus.NOT_CREATED);
        assertThat(requests.request(sakura, ids.subList(0, 100), "aiko").requested()).hasSize(100);
    }

    @Test
    void twoUsersPressingCreateAtTheSameMomentGetOneRequestPerInvoice() throws Exception {
        try (var pool = new org.springframework.security.concurrent.DelegatingSecurityContextExecutorService(
                Executors.newFixedThreadPool(2))) {
            for (int round = 0; round < 10; round++) {
                var ids = tenants.invoices(sakura, "RACE" + round, 60, "USD");
                var first = ids.subList(0, 40);
                var second = new ArrayList<>(ids.subList(20, 60));
                java.util.Collections.reverse(second);
                var barrier = new CyclicBarrier(2);
                var a = CompletableFuture.supplyAsync(() -> await(barrier, () -> requests.request(sakura, first, "aiko")), pool);
                var b = CompletableFuture.supplyAsync(() -> await(barrier, () -> requests.request(sakura, second, "ken")), pool);

                var requested = new ArrayList<InvoiceId>(a.get().requested());
                requested.addAll(b.get().requested());

                assertThat(requested).as("round %d", round).hasSize(60).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void aLinkIsSetOnceAndAFailureAfterItChangesNothing() {
        var invoice = tenants.invoice(sakura, "O-1", 5000, "JPY");
        requests.request(sakura, List.of(invoice), "aiko");

        onlinePayments.recordPaymentLink(invoice, 1, "plink_A", "https://buy.stripe.com/test_A");
        onlinePayments.recordPaymentLink(invoice, 1, "plink_A", "https://buy.stripe.com/test_A");
        onlinePayments.recordPaymentLinkFailure(invoice, 1, "late failure");

        assertThat(onlinePayments.recordPaymentLink(invoice, 1, "plink_B", "https://buy.stripe.com/test_B"))
                .isEqualTo(PaymentLinkRecording.ANOTHER_LINK_RECORDED);
        var stored = invoices.find(sakura, invoice).orElseThrow();
        assertThat(stored.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(stored.paymentLinkUrl()).contains("https://buy.stripe.com/test_A");
        assertThat(stored.paymentLinkFailure()).isEmpty();
        assertThat(onlinePayments.findByPaymentLink("plink_A")).map(BillingInvoiceReference::id).contains(invoice);
        assertThat(requests.targets(sakura, List.of(invoice)).eligible()).isEmpty();
    }

    @Test
    void aStaleAttemptsFailureDoesNotOverrideTheNextAttempt() {
        var invoice = tenants.invoice(sakura, "FENCE-1", 5000, "JPY");
        requests.request(sakura, List.of(invoice), "aiko");
        assertThat(onlinePayments.nextPaymentLinkAttempt(invoice, 1)).hasValue(2);
        // a second resolver of attempt 1 is fenced: only one moves the request on
        assertThat(onlinePayments.nextPaymentLinkAttempt(invoice, 1)).isEmpty();

        assertThat(onlinePayments.recordPaymentLinkFailure(invoice, 1, "late 500 of attempt 1"))
                .isEqualTo(PaymentLinkRecording.STALE);

        var stored = invoices.find(sakura, invoice).orElseThrow();
        assertThat(stored.onlinePayment()).isEqualTo(OnlinePaymentStatus.LINK_REQUESTED);
        assertThat(stored.paymentLinkFailure()).isEmpty();
        assertThat(onlinePayments.paymentLinkAttempt(invoice)).hasValue(2);
        assertThat(onlinePayments.recordPaymentLink(invoice, 2, "plink_fence_2", "https://buy.stripe.com/fence_2"))
                .isEqualTo(PaymentLinkRecording.RECORDED);
        assertThat(invoices.find(sakura, invoice).orElseThrow().onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }

    @Test
    void aStaleAttemptsLinkIsKeptWhileThereIsNoneAndMakesTheNextAttemptsLinkAnOrphan() {
        var invoice = tenants.invoice(sakura, "FENCE-2", 5000, "JPY");
        requests.request(sakura, List.of(invoice), "aiko");
        onlinePayments.nextPaymentLinkAttempt(invoice, 1);

        assertThat(onlinePayments.recordPaymentLink(invoice, 1, "plink_late_1", "https://buy.stripe.com/late_1"))
                .isEqualTo(PaymentLinkRecording.RECORDED);
        assertThat(onlinePayments.recordPaymentLink(invoice, 2, "plink_now_2", "https://buy.stripe.com/now_2"))
                .isEqualTo(PaymentLinkRecording.ANOTHER_LINK_RECORDED);
        assertThat(onlinePayments.recordPaymentLinkFailure(invoice, 2, "late")).isEqualTo(PaymentLinkRecording.STALE);
        assertThat(invoices.find(sakura, invoice).orElseThrow().paymentLinkUrl())
                .contains("https://buy.stripe.com/late_1");
        assertThatThrownBy(() -> onlinePayments.recordOrphanPaymentLinkDeactivated(invoice, 1, "plink_late_1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedRequestCanBeRetriedAsTheNextAttempt(AssertablePublishedEvents events) {
        var invoice = tenants.invoice(sakura, "F-2", 5000, "JPY");
        requests.request(sakura, List.of(invoice), "aiko");
        onlinePayments.recordPaymentLinkFailure(invoice, 1, "Invalid currency: xyz");

        var failed = invoices.find(sakura, invoice).orElseThrow();
        assertThat(failed.onlinePayment()).isEqualTo(OnlinePaymentStatus.LINK_FAILED);
        assertThat(failed.paymentLinkFailure()).contains("Invalid currency: xyz");

        assertThat(requests.request(sakura, List.of(invoice), "aiko").requested()).containsExactly(invoice);
        assertThat(events.ofType(PaymentLinkRequested.class).matching(e -> e.attempt() == 2)).hasSize(1);
        assertThat(invoices.find(sakura, invoice).orElseThrow().paymentLinkFailure()).isEmpty();
    }


    private static <T> T await(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }

}
