package com.merchantbilling.payments.internal.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.support.StripeApiStub;
import com.merchantbilling.support.StripeEvents.CheckoutSession;
import com.merchantbilling.support.Tenants;

/**
 * The scheduled job, run by hand (its schedule starts after the interval). Its own context and database:
 * the batch walks every pending invoice there is, so no other test's invoices may be in the way. Stripe is
 * {@link StripeApiStub}: the test counts the session listings per made-up link.
 */
@Import(Tenants.class)
@SpringBootTest(properties = {
        "stripe.secret-key=sk_test_reconciler",
        "stripe.webhook-secret=whsec_test_reconciler",
        "stripe.max-network-retries=0",
        "payments.reconciliation.older-than=0s",
        "payments.reconciliation.batch-size=2"})
class PendingPaymentReconcilerIntegrationTests {

    static final StripeApiStub STRIPE = StripeApiStub.start();

    @DynamicPropertySource
    static void stripeApi(DynamicPropertyRegistry registry) {
        registry.add("stripe.api-base", STRIPE::baseUrl);
    }

    @Autowired
    PendingPaymentReconciler reconciler;
    @Autowired
    Tenants tenants;

    @Test
    void walksAllPendingPaymentsInBatchesAndRecordsTheMissedOnes() {
        var organization = tenants.organization("Batch");
        var ids = tenants.invoices(organization, "B", 5, "JPY");
        var links = new ArrayList<String>();
        for (var invoice : ids) {
            links.add(tenants.pendingWithMadeUpLink(organization, invoice, "plink_batch_", "reconciler-test"));
        }
        // buyers paid invoices 2 and 5; their webhooks never arrived
        STRIPE.completedSession(null, new CheckoutSession(links.get(1), 2000, "jpy"));
        STRIPE.completedSession(null, new CheckoutSession(links.get(4), 5000, "jpy"));

        int recorded = reconciler.runBatch() + reconciler.runBatch() + reconciler.runBatch();

        assertThat(recorded).isEqualTo(2);
        assertThat(tenants.statuses(organization, ids)).containsExactly(OnlinePaymentStatus.PENDING_PAYMENT,
                OnlinePaymentStatus.PAID, OnlinePaymentStatus.PENDING_PAYMENT, OnlinePaymentStatus.PENDING_PAYMENT,
                OnlinePaymentStatus.PAID);
        // every link asked about once over the three batches of at most two
        for (var link : links) {
            assertThat(STRIPE.callsFor(link)).as(link).hasSize(1);
        }
        // the walk starts over: the three still pending are asked again, the paid ones not
        reconciler.runBatch();
        reconciler.runBatch();
        assertThat(STRIPE.callsFor(links.get(0))).hasSize(2);
        assertThat(STRIPE.callsFor(links.get(1))).hasSize(1);
    }
}
