package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.support.AppProcess;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;
import com.merchantbilling.support.FakeStripeServer.RecordedRequest;
import com.merchantbilling.support.FreePort;
import com.merchantbilling.support.Tenants;

/**
 * The app is SIGKILLed in the middle of creating 100 payment links and started again: every invoice ends
 * with exactly one link at Stripe and Pending Payment, with nobody pressing anything again.
 * <p>
 * The bulk request is made here, through the invoicing API, in a context of the test JVM that shares the
 * app's database but whose Stripe answers every call 429 (its first round fails, and it waits far longer than
 * the test before its next). Its publications stay in the event_publication table, incomplete, exactly as a
 * node that lost Stripe and died would leave them. The app JVM then takes them over once they are stale (their
 * lease, payments.publications.stale-after, is 2 s here; nothing is republished blindly on start), is killed after about 30 links, and must finish the rest after its second
 * start, while a tenth of its create calls meet a 500 saved under the key (before or after the link was made)
 * or a connection dropped after the link was made (answer lost, key replayed).
 */
@SpringBootTest(properties = {
        "stripe.secret-key=sk_test_crash",
        "stripe.max-attempts=1",
        "stripe.max-network-retries=0",
        "stripe.connect-timeout=1s",
        // this JVM must never retry on its own: only the app JVM may create links
        "payments.links.resubmit-interval=1h",
        "payments.links.resubmit-older-than=1h",
        // its one round against an unavailable Stripe is followed by a wait the test never sees the end of, so its
        // publications stay incomplete (a node that lost Stripe and then died would leave them so)
        "payments.links.resolution.max-rounds=2",
        "payments.links.resolution.initial-backoff=30m",
        "payments.links.resolution.max-backoff=30m"})
@Import(Tenants.class)
class BulkActionCrashIntegrationTests {

    static final FakeStripeServer stripe = FakeStripeServer.start("sk_test_crash");
    /** What this JVM reaches: a Stripe answering every request 429 (nothing executed, nothing saved). */
    static final FakeStripeServer unavailable = FakeStripeServer.start("sk_test_crash");
    static final int INVOICES = 100;
    static AppProcess app;

    @DynamicPropertySource
    static void unavailableStripe(DynamicPropertyRegistry registry) {
        unavailable.setFaults(FaultPlan.always(Fault.RATE_LIMITED_429));
        registry.add("stripe.api-base", unavailable::baseUrl);
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) {
                app.kill();
            }
        } finally {
            stripe.close();
            unavailable.close();
        }
    }

    @Autowired
    BillingInvoices invoices;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    @Test
    void aKilledAppResumesTheBulkActionOnRestartWithoutASecondLink() {
        var organization = tenants.subscribed("Crash");
        var ids = tenants.invoices(organization, "K", INVOICES, "JPY");

        var result = tenants.requestLinks(organization, ids, "aiko");
        assertThat(result.requested()).hasSize(INVOICES);
        Awaitility.await("this JVM's first round to fail").atMost(Duration.ofSeconds(30))
                .until(() -> outstandingPublications() == INVOICES && unavailable.createCalls() >= 1);
        assertThat(stripe.createCalls()).isZero();
        assertThat(unavailable.distinctLinksCreated()).isZero();

        stripe.setLatency(Duration.ofMillis(150));
        stripe.setFaults(FaultPlan.randomly(20261201L, 0.1, Fault.FAIL_500, Fault.FAIL_500_AFTER_CREATING,
                Fault.DROP_AFTER_PROCESSING).onlyFor(RecordedRequest::isCreatePaymentLink));
        int port = FreePort.find();
        app = new AppProcess(port, Map.of(
                "SPRING_DATASOURCE_URL", environment.getRequiredProperty("spring.datasource.url"),
                "SPRING_DATASOURCE_USERNAME", environment.getRequiredProperty("spring.datasource.username"),
                "SPRING_DATASOURCE_PASSWORD", environment.getProperty("spring.datasource.password", "")),
                Map.of("stripe.secret-key", stripe.secretKey(),
                        "stripe.api-base", stripe.baseUrl(),
                        "stripe.webhook-secret", "whsec_crash_test",
                        "spring.main.banner-mode", "off",
                        "payments.publications.stale-after", "2s",
                        "payments.links.resubmit-interval", "1s",
                        "payments.links.resubmit-older-than", "1s"),
                Path.of("target", "crash-test", Long.toString(System.currentTimeMillis())));

        long started = System.nanoTime();
        // the resubmitted requests may start before the web server answers: watch Stripe, not the app's HTTP
        app.launch();
        Awaitility.await("about 30 links before the kill").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> stripe.distinctLinksCreated() >= 30);
        long firstStart = System.nanoTime() - started;
        app.kill();
        long linksAtKill = stripe.distinctLinksCreated();
        long callsAtKill = stripe.createCalls();
        long recordedAtKill = count(ids, OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(linksAtKill).as("killed in the middle, not after the end").isLessThan(INVOICES);

        started = System.nanoTime();
        app.start(Duration.ofSeconds(90));
        long secondStart = System.nanoTime() - started;
        Awaitility.await("every invoice Pending Payment after the restart").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count(ids, OnlinePaymentStatus.PENDING_PAYMENT) == INVOICES);
        long resumed = System.nanoTime() - started;

        var linksByInvoice = stripe.paymentLinks().stream()
                .collect(Collectors.groupingBy(link -> link.metadata().get(PaymentLinkMetadata.INVOICE)));
        var rows = invoices.findAll(organization, ids);
        for (BillingInvoice invoice : rows) {
            List<SandboxPaymentLink> links = linksByInvoice.getOrDefault(Long.toString(invoice.id().value()), List.of());
            var active = links.stream().filter(SandboxPaymentLink::active).toList();
            assertThat(active).as("active links of invoice %s", invoice.id()).hasSize(1);
            assertThat(linkIdOf(invoice.id())).isEqualTo(active.getFirst().id());
        }
        // after the crash the persisted attempt continues: its key, in the app's deployment namespace
        assertThat(stripe.createRequests()).allSatisfy(request -> assertThat(request.idempotencyKey())
                .isEqualTo("merchant-billing-" + request.formParameters().get("metadata[merchant_billing_deployment]")
                        + "-plink-" + request.formParameters().get("metadata[merchant_billing_invoice]") + "-"
                        + request.formParameters().get("metadata[merchant_billing_attempt]")));
        Awaitility.await("no outstanding publication left").atMost(Duration.ofSeconds(30))
                .until(() -> outstandingPublications() == 0);

        long duplicates = linksByInvoice.values().stream()
                .mapToLong(links -> links.stream().filter(SandboxPaymentLink::active).count() - 1).sum();
        assertThat(duplicates).isZero();
        System.out.printf("""
                [crash] links at Stripe when killed: %d (recorded in the database: %d), create calls before the kill: %d
                [crash] after restart: %d links for %d invoices, %d create calls in all (%d replayed by idempotency key), duplicates: %d
                [crash] app start to 30 links %d ms, restart %d ms, restart to all %d Pending Payment %d ms%n""",
                linksAtKill, recordedAtKill, callsAtKill, stripe.distinctLinksCreated(), INVOICES, stripe.createCalls(),
                stripe.createCalls() - stripe.distinctLinksCreated(), duplicates, firstStart / 1_000_000,
                secondStart / 1_000_000, INVOICES, resumed / 1_000_000);
    }

    private long count(List<InvoiceId> ids, OnlinePaymentStatus status) {
        return jdbc.sql("select count(*) from invoices where id in (:ids) and online_payment_status = :status")
                .param("ids", ids.stream().map(InvoiceId::value).toList())
                .param("status", status.name())
                .query(Long.class).single();
    }

    private String linkIdOf(InvoiceId invoice) {
        return jdbc.sql("select payment_link_id from invoices where id = :id").param("id", invoice.value())
                .query(String.class).single();
    }

    private long outstandingPublications() {
        return jdbc.sql("""
                        select count(*) from event_publication
                         where event_type like '%PaymentLinkRequested' and completion_date is null""")
                .query(Long.class).single();
    }
}
