package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.TestTenants;

/**
 * Regression: recording a link committed, and then Spring Modulith marked the live-view listener's
 * publication complete in a new transaction from the same thread, which still held its first connection.
 * With more link creations in flight than pool connections, every connection ended up held by a thread
 * waiting for a second one: the pool deadlocked until its timeout, the recordings failed and every one of
 * those links had to be fetched again. A small pool makes the deadlock certain; without it, every link is
 * recorded by its first Stripe call.
 */
@SpringBootTest(properties = {
        "stripe.secret-key=sk_test_pool",
        "stripe.rate-limit-per-second=1000",
        "spring.datasource.hikari.maximum-pool-size=4",
        "spring.datasource.hikari.connection-timeout=2000",
        "payments.links.resubmit-older-than=3s",
        "payments.links.resubmit-interval=1s"})
class ConnectionPoolDeadlockTest {

    static final FakeStripeServer stripe = FakeStripeServer.start("sk_test_pool");
    static final int INVOICES = 60;

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("stripe.api-base", stripe::baseUrl);
    }

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @Autowired
    Organizations organizations;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;
    @Autowired
    AddOnSubscriptions addOns;
    @Autowired
    JdbcClient jdbc;

    @Test
    void manyConcurrentLinkRecordingsNeverWaitForASecondConnection() {
        var organization = TestTenants.organization(organizations, "Pool");
        addOns.subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        var ids = TestTenants.invoices(invoices, organization, "P", INVOICES, "USD");
        stripe.setLatency(Duration.ofMillis(50));
        long started = System.nanoTime();

        requests.request(organization, ids, "aiko");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> jdbc.sql("""
                                select count(*) from invoices
                                 where id in (:ids) and online_payment_status = 'PENDING_PAYMENT'""")
                        .param("ids", ids.stream().map(InvoiceId::value).toList())
                        .query(Long.class).single() == INVOICES);

        System.out.printf("[pool] %d links with a pool of 4 connections: %d create calls, %d ms%n", INVOICES,
                stripe.createCalls(), (System.nanoTime() - started) / 1_000_000);
        // a second call for an invoice means its first result could not be recorded
        assertThat(stripe.createCalls()).isEqualTo(INVOICES);
        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class).single()).isZero();
    }
}
