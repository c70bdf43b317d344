package com.merchantbilling.payments.internal.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.webhook.StripeEventIntake;
import com.merchantbilling.stripesandbox.EmittedEvent;
import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.support.FakeStripe;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;
import com.stripe.StripeClient;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The catch-up on Stripe's events against the fake Stripe (the sandbox core), which keeps every event it emits
 * and lists them as {@code GET /v1/events} does. The fake sends no webhook unless a test points it at the app, so a
 * payment on it is a payment whose webhook was missed. The scheduled run is an hour away: the tests call the work.
 * Each test that counts listings uses a connected account of its own, so the other tests' events and cursors are
 * not in its way.
 */
@IntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stripe.max-network-retries=0",
        "payments.reconciliation.interval=1h"})
class StripeEventCatchUpIntegrationTests {

    @Autowired
    Tenants tenants;
    @Autowired
    FakeStripeServer stripe;
    @Autowired
    StripeEventCatchUp catchUp;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StripeClient stripeClient;
    @Autowired
    StripeCallPolicy policy;
    @Autowired
    StripeEventIntake intake;
    @Autowired
    StripeEventCursors cursors;
    @Autowired
    Organizations organizations;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @LocalServerPort
    int port;

    @Test
    void aPaymentWhoseWebhookNeverCameIsFoundInOneListing() throws Exception {
        var organization = tenants.subscribed("Missed");
        var invoice = pendingInvoices(organization, 1).getFirst();
        pay(invoice);

        var run = catchUp.catchUp(Optional.<String>empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> status(invoice) == OnlinePaymentStatus.PAID);
        assertThat(run.eventsNew()).as("events no webhook had brought").isGreaterThanOrEqualTo(1);
        assertThat(stripe.eventListings(Optional.empty())).isNotEmpty().allSatisfy(listing -> {
            var query = listing.queryParameters();
            assertThat(query).containsKey("created[gt]").containsKey("created[lte]").containsEntry("limit", "100");
            assertThat(query.entrySet()).filteredOn(entry -> entry.getKey().startsWith("types["))
                    .extracting(java.util.Map.Entry::getValue)
                    .contains("checkout.session.completed", "charge.refunded", "charge.dispute.created");
            assertThat(listing.header("Stripe-Account")).isNull();
        });
    }

    @Test
    void aConnectedAccountsEventsAreListedOnThatAccount() throws Exception {
        String account = newAccount();
        var organization = tenants.subscribe(tenants.organization("Connected", account));
        var invoice = pendingInvoices(organization, 1).getFirst();
        pay(invoice);

        // the whole pass, as the schedule runs it: the account is found through its pending link
        catchUp.catchUp();

        await().atMost(Duration.ofSeconds(20)).until(() -> status(invoice) == OnlinePaymentStatus.PAID);
        assertThat(stripe.eventListings(Optional.of(account))).hasSize(1);
    }

    @Test
    void anEventTheWebhookBroughtAndTheListingFoundCountsOnce() throws Exception {
        String account = newAccount();
        var organization = tenants.subscribe(tenants.organization("Both ways", account));
        var invoice = pendingInvoices(organization, 1).getFirst();
        stripe.webhookTarget("http://127.0.0.1:" + port + "/stripe/webhook", FakeStripe.WEBHOOK_SECRET);
        try {
            pay(invoice);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(invoice) == OnlinePaymentStatus.PAID);
        } finally {
            stripe.webhookTarget(null, null);
        }
        var event = stripe.events(account).getFirst();
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(event.id()));

        var run = catchUp.catchUp(Optional.of(account));

        assertThat(run.eventsListed()).isEqualTo(1);
        assertThat(run.eventsNew()).as("already in the inbox").isZero();
        assertThat(storedRows(event.id())).isEqualTo(1);
        assertThat(recordedPayments(invoice)).isEqualTo(1);
    }

    @Test
    void aListingCutShortResumesAfterItsLastPageInANewInstanceAndEveryPageGoesThroughTheBudget() throws Exception {
        String account = newAccount();
        var organization = tenants.subscribe(tenants.organization("Resumed", account));
        var invoices = pendingInvoices(organization, 3);
        invoices.forEach(this::pay);
        var events = stripe.events(account);
        assertThat(events).hasSize(3);
        double budgetedBefore = budgetedBackgroundCalls();

        // one event per page, two pages per run: the first run stops with one event left
        var first = instance(1, 2, Duration.ofMinutes(5)).catchUp(Optional.of(account));
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.eventsNew()).isEqualTo(2);

        // a restart: a new instance knows nothing but the stored cursor
        var second = instance(1, 10, Duration.ofMinutes(5)).catchUp(Optional.of(account));

        assertThat(second.pages()).isEqualTo(1);
        assertThat(second.eventsNew()).isEqualTo(1);
        var listings = stripe.eventListings(Optional.of(account));
        assertThat(listings).hasSize(3);
        // newest first, then each page after the last one taken, across the restart
        assertThat(listings.get(0).queryParameters()).doesNotContainKey("starting_after");
        assertThat(listings.get(1).queryParameters()).containsEntry("starting_after", events.get(0).id());
        assertThat(listings.get(2).queryParameters()).containsEntry("starting_after", events.get(1).id());
        assertThat(budgetedBackgroundCalls() - budgetedBefore).as("slots taken in the budget")
                .isGreaterThanOrEqualTo(listings.size());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> invoices.stream().allMatch(invoice -> status(invoice) == OnlinePaymentStatus.PAID));
        invoices.forEach(invoice -> assertThat(recordedPayments(invoice)).isEqualTo(1));
    }

    @Test
    void twoRunsAtOnceOnOneAccountProcessEachEventOnceAndLeaveOneCursor() throws Exception {
        String account = newAccount();
        var organization = tenants.subscribe(tenants.organization("Raced", account));
        var invoices = pendingInvoices(organization, 3);
        invoices.forEach(this::pay);
        var events = stripe.events(account);

        // as two nodes whose job locks overlapped (a lapsed lock): both list the same account at once
        var node1 = instance(1, 10, Duration.ZERO);
        var node2 = instance(1, 10, Duration.ZERO);
        var one = CompletableFuture.supplyAsync(() -> run(node1, account));
        var two = CompletableFuture.supplyAsync(() -> run(node2, account));
        var runs = List.of(one.join(), two.join());

        assertThat(runs.stream().mapToInt(StripeEventCatchUp.Run::eventsNew).sum()).as("new events, both runs")
                .isEqualTo(3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> invoices.stream().allMatch(invoice -> status(invoice) == OnlinePaymentStatus.PAID));
        for (EmittedEvent event : events) {
            assertThat(storedRows(event.id())).as(event.id()).isEqualTo(1);
        }
        invoices.forEach(invoice -> assertThat(recordedPayments(invoice)).isEqualTo(1));

        // and the cursor is past them all: the next run lists one empty page
        int before = stripe.eventListings(Optional.of(account)).size();
        var next = node1.catchUp(Optional.of(account));
        assertThat(next.eventsListed()).isZero();
        assertThat(stripe.eventListings(Optional.of(account))).hasSize(before + 1);
    }

    @Test
    void aRefundWhoseWebhookNeverCameIsFoundToo() throws Exception {
        String account = newAccount();
        var organization = tenants.subscribe(tenants.organization("Refunded", account));
        var invoice = pendingInvoices(organization, 1).getFirst();
        var intent = pay(invoice);
        catchUp.catchUp(Optional.of(account));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(invoice) == OnlinePaymentStatus.PAID);

        stripe.refund(intent, 100);
        var refundEvent = stripe.events(account).getFirst();
        assertThat(refundEvent.type()).isEqualTo("charge.refunded");
        var run = catchUp.catchUp(Optional.of(account));

        assertThat(run.eventsNew()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(refundEvent.id()));
        assertThat(jdbc.sql("select outcome from stripe_webhook_events where event_id = :id")
                .param("id", refundEvent.id()).query(String.class).single()).isNotBlank();
        assertThat(jdbc.sql("select refunded_amount from invoice_payments where invoice_id = :id")
                .param("id", invoice.value()).query(Long.class).single()).isEqualTo(100L);
        assertThat(jdbc.sql("select refund_state from invoices where id = :id")
                .param("id", invoice.value()).query(String.class).single()).isEqualTo("PARTIAL");
    }

    // ---- helpers

    private StripeEventCatchUp.Run run(StripeEventCatchUp instance, String account) {
        try {
            return instance.catchUp(Optional.of(account));
        } catch (com.stripe.exception.StripeException e) {
            throw new IllegalStateException(e);
        }
    }

    private StripeEventCatchUp instance(int pageSize, int maxPages, Duration overlap) {
        var properties = new ReconciliationProperties(true, Duration.ofHours(1), Duration.ofDays(30), overlap,
                pageSize, maxPages, false);
        return new StripeEventCatchUp(stripeClient, policy, intake, cursors, onlinePayments,
                properties, transaction, Optional.empty());
    }

    private static String newAccount() {
        return "acct_1" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    }

    private List<InvoiceId> pendingInvoices(OrganizationId organization, int count) {
        var ids = tenants.invoices(organization, "E" + UUID.randomUUID().toString().substring(0, 6), count, "JPY");
        tenants.requestLinks(organization, ids);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tenants.all(organization, ids, OnlinePaymentStatus.PENDING_PAYMENT));
        return new ArrayList<>(ids);
    }

    /** Pays the invoice's link on the fake Stripe; returns the payment intent. */
    private String pay(InvoiceId invoice) {
        var link = onlinePayments.find(invoice).orElseThrow().paymentLinkId().orElseThrow();
        var result = stripe.pay(link, SandboxStripe.SUCCEEDING_CARD);
        assertThat(result.session()).as("paid").isNotNull();
        return result.session().paymentIntentId();
    }

    private OnlinePaymentStatus status(InvoiceId invoice) {
        return onlinePayments.find(invoice).orElseThrow().onlinePayment();
    }

    private long storedRows(String eventId) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id = :id").param("id", eventId)
                .query(Long.class).single();
    }

    private boolean processed(String eventId) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id = :id and processed_at is not null")
                .param("id", eventId).query(Long.class).single() == 1;
    }

    private long recordedPayments(InvoiceId invoice) {
        return jdbc.sql("select count(*) from invoice_payments where invoice_id = :id").param("id", invoice.value())
                .query(Long.class).single();
    }

    private double budgetedBackgroundCalls() {
        var timer = meters.find("stripe.budget.wait").tag("priority", "background").timer();
        return timer == null ? 0 : timer.count();
    }
}
