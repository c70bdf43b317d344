package com.merchantbilling.payments.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.FixtureOwner;
import com.merchantbilling.support.Figures;
import com.merchantbilling.support.TestTenants;

/**
 * 300 links from three merchants, each merchant's bulk run on another of three nodes sharing one database and
 * one Stripe budget of 25 calls a second, against a fake Stripe answering after 200 ms. The floor is what one
 * budget allows: 300 / rate seconds plus one call's latency. Prints figures; asserts outcomes, never times.
 */
@Tag("benchmark")
class SeveralNodesBulkBenchmark {

    static final int MERCHANTS = 3;
    static final int LINKS_EACH = 100;
    static final int RATE = 25;
    static final Duration LATENCY = Duration.ofMillis(200);

    @Test
    void threeMerchantsOnThreeNodes() {
        try (var stripe = FakeStripeServer.start("sk_test_several_nodes_benchmark");
                var cluster = new ClusterNodes(stripe, "stripe.rate-limit-per-second=" + RATE)) {
            stripe.setLatency(LATENCY);
            var nodes = new ArrayList<ConfigurableApplicationContext>();
            var merchants = new ArrayList<OrganizationId>();
            var invoices = new ArrayList<List<InvoiceId>>();
            for (int i = 0; i < MERCHANTS; i++) {
                var node = cluster.start();
                nodes.add(node);
                var organization = TestTenants.organization(node.getBean(Organizations.class), "Merchant " + i);
                // started by hand: act as an Owner after the start (it installs Vaadin's security context strategy)
                FixtureOwner.actAsOwner();
                node.getBean(AddOnSubscriptions.class).subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
                merchants.add(organization);
                invoices.add(TestTenants.invoices(node.getBean(BillingInvoices.class), organization, "M" + i, LINKS_EACH, "JPY"));
            }
            var jdbc = nodes.getFirst().getBean(JdbcClient.class);
            long start = System.nanoTime();
            var finished = new long[MERCHANTS];
            for (int i = 0; i < MERCHANTS; i++) {
                nodes.get(i).getBean(PaymentLinkRequests.class).request(merchants.get(i), invoices.get(i), "bench");
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                boolean all = true;
                for (int i = 0; i < MERCHANTS; i++) {
                    if (finished[i] == 0 && pending(jdbc, merchants.get(i)) == LINKS_EACH) {
                        finished[i] = System.nanoTime();
                    }
                    all &= finished[i] != 0;
                }
                return all;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            for (var organization : merchants) {
                assertThat(pending(jdbc, organization)).isEqualTo(LINKS_EACH);
            }
            double floor = (double) MERCHANTS * LINKS_EACH / RATE + LATENCY.toMillis() / 1000.0;
            Figures.print("300 links, 3 merchants on 3 nodes @ " + RATE + "/s for the cluster, 200 ms latency",
                    "%.2f s (floor %.2f s, x%.2f)".formatted(seconds, floor, seconds / floor),
                    "<= %.2f s (floor +15%%)".formatted(floor * 1.15), seconds <= floor * 1.15);
            // the budget's own floor: its slots are wider than 1/rate (see BulkPaymentLinkRateBenchmark)
            double budgetFloor = (com.merchantbilling.payments.internal.stripe.StripeBudget.shortestSpan(
                    MERCHANTS * LINKS_EACH, RATE).toNanos() + LATENCY.toNanos()) / 1e9;
            Figures.print("300 links, 3 merchants on 3 nodes @ " + RATE + "/s against the cluster budget's floor",
                    "%.2f s (budget floor %.2f s, x%.2f)".formatted(seconds, budgetFloor, seconds / budgetFloor),
                    "<= %.2f s (budget floor +15%%)".formatted(budgetFloor * 1.15), seconds <= budgetFloor * 1.15);
            var each = new StringBuilder();
            for (int i = 0; i < MERCHANTS; i++) {
                each.append(" merchant %d done after %.1f s;".formatted(i, (finished[i] - start) / 1e9));
            }
            Figures.note("fairness:" + each + " %d create calls, %d answered 429"
                    .formatted(stripe.createCalls(), stripe.rateLimitedResponses()));
        }
    }

    private static long pending(JdbcClient jdbc, OrganizationId organization) {
        return jdbc.sql("select count(*) from invoices where organization_id = :org and online_payment_status = 'PENDING_PAYMENT'")
                .param("org", organization.value()).query(Long.class).single();
    }
}
