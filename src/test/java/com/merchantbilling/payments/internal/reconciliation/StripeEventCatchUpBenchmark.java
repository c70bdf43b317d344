package com.merchantbilling.payments.internal.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.support.Figures;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;

/**
 * Issue 15's reconciliation benchmark: 10,000 Pending Payment links, 1,000 of them paid on the fake Stripe with
 * no webhook delivered; one catch-up pass finds all 1,000 (asserted), printing the Stripe calls it took and the
 * time until the last invoice shows Paid. Asking per link, as the former scheduled walk did, would take 10,000
 * calls (at 100 per 10 minutes, about 17 hours). Timings are printed, never asserted.
 * <p>
 * The 10,000 invoices go in with one statement (as LargeBookGridBenchmark fills its book) and the 1,000 links are
 * made on the fake in-process: the set-up is not what is measured.
 */
@Tag("benchmark")
@IntegrationTest(properties = {
        "stripe.max-network-retries=0",
        "payments.reconciliation.interval=1h"})
class StripeEventCatchUpBenchmark {

    static final int PENDING = 10_000;
    static final int PAID = 1_000;

    @Autowired
    Tenants tenants;
    @Autowired
    FakeStripeServer stripe;
    @Autowired
    StripeEventCatchUp catchUp;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void tenThousandPendingLinksWithAThousandMissedPaymentsCostAFewCalls() throws Exception {
        var organization = tenants.organization("Catch-up benchmark");
        jdbc.sql("""
                insert into invoices (organization_id, invoice_number, buyer_name, buyer_email, issue_date, due_date,
                                      billing_amount, currency, online_payment_status, payment_link_attempt,
                                      payment_link_id, payment_link_url, payment_link_created_at)
                select :org, 'CU-' || lpad(i::text, 5, '0'), 'Buyer ' || i, 'b' || i || '@example.com',
                       date '2026-01-01', date '2026-01-31', 1000, 'JPY', 'PENDING_PAYMENT', 1,
                       'plink_unpaid_' || :org || '_' || i, 'https://buy.stripe.com/unpaid_' || i,
                       now() - interval '1 hour'
                  from generate_series(1, :n) as i""")
                .param("org", organization.value())
                .param("n", PENDING)
                .update();
        // every tenth invoice gets a link that exists on the fake, and its buyer pays; no webhook goes anywhere
        var paidLinks = new ArrayList<String>();
        var updates = new ArrayList<Object[]>();
        for (int i = 10; i <= PENDING; i += 10) {
            String link = stripe.createPaymentLink(null, Map.of(), 1000, "JPY");
            paidLinks.add(link);
            updates.add(new Object[] { link, organization.value(), "CU-%05d".formatted(i) });
        }
        jdbcTemplate.batchUpdate("update invoices set payment_link_id = ? where organization_id = ? and invoice_number = ?",
                updates);
        for (String link : paidLinks) {
            assertThat(stripe.pay(link, SandboxStripe.SUCCEEDING_CARD).session()).isNotNull();
        }
        assertThat(stripe.webhookDeliveries()).isEmpty();
        String loadBefore = loadAverage();
        stripe.reset();

        long scanStart = System.nanoTime();
        assertThat(catchUp.accountsWithPendingLinks()).contains(Optional.empty());
        long scan = System.nanoTime() - scanStart;
        double httpBefore = stripeCallMillis();
        double waitBefore = budgetWaitMillis();

        long start = System.nanoTime();
        var run = catchUp.catchUp();
        long listed = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> paid(organization.value()) == PAID);
        long allPaid = System.nanoTime();

        assertThat(paid(organization.value())).isEqualTo(PAID);
        assertThat(jdbc.sql("""
                        select count(*) from invoices
                         where organization_id = :org and online_payment_status = 'PENDING_PAYMENT'""")
                .param("org", organization.value()).query(Long.class).single()).isEqualTo(PENDING - PAID);
        long calls = stripe.totalRequests();
        int listings = stripe.eventListings(Optional.empty()).size();
        assertThat(run.eventsNew()).isEqualTo(PAID);

        Figures.print("Catch-up: 10,000 pending, 1,000 paid without webhook", calls + " Stripe calls ("
                + listings + " event pages)", "tens, not 10,000", calls < 100);
        Figures.print("Catch-up: listing (scan of pending links + pages)",
                "%.0f ms".formatted(Figures.millis(listed - start)), "-", true);
        Figures.print("Catch-up: until the 1,000th invoice is Paid",
                "%.0f ms".formatted(Figures.millis(allPaid - start)), "-", true);
        double http = stripeCallMillis() - httpBefore;
        double waits = budgetWaitMillis() - waitBefore;
        Figures.note("of the listing: %.0f ms finding the accounts with pending links (measured apart), %.0f ms in"
                .formatted(Figures.millis(scan), http) + " Stripe HTTP calls, %.0f ms waiting for budget slots, the"
                .formatted(waits) + " rest storing 1,000 events in the inbox (a transaction per page)");
        Figures.note("run: " + run + "; per-link checks would take " + PENDING + " calls");
        Figures.note("load average before / after: " + loadBefore + " / " + loadAverage());
    }

    private double stripeCallMillis() {
        return meters.find("stripe.calls").timers().stream()
                .mapToDouble(timer -> timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).sum();
    }

    private double budgetWaitMillis() {
        return meters.find("stripe.budget.wait").timers().stream()
                .mapToDouble(timer -> timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).sum();
    }

    private long paid(long organization) {
        return jdbc.sql("select count(*) from invoices where organization_id = :org and online_payment_status = 'PAID'")
                .param("org", organization).query(Long.class).single();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
