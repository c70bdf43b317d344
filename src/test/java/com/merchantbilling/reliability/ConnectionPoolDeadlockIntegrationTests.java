package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.Tenants;

/**
 * Regression: recording a link committed, and then Spring Modulith marked the live-view listener's
 * publication complete in a new transaction from the same thread, which still held its first connection.
 * With more link creations in flight than pool connections, every connection ended up held by a thread
 * waiting for a second one: the pool deadlocked until its timeout, the recordings failed and every one of
 * those links had to be fetched again. A small pool makes the deadlock certain; without it, every link is
 * recorded by its first Stripe call.
 */
@IntegrationTest(properties = {
        "stripe.rate-limit-per-second=1000",
        "spring.datasource.hikari.maximum-pool-size=4",
        "spring.datasource.hikari.connection-timeout=2000",
        "payments.links.resubmit-older-than=3s",
        "payments.links.resubmit-interval=1s"})
class ConnectionPoolDeadlockIntegrationTests {

    static final int INVOICES = 60;

    @Autowired
    FakeStripeServer stripe;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcClient jdbc;

    @Test
    void manyConcurrentLinkRecordingsNeverWaitForASecondConnection() {
        var organization = tenants.subscribed("Pool");
        var ids = tenants.invoices(organization, "P", INVOICES, "USD");
        stripe.setLatency(Duration.ofMillis(50));
        long started = System.nanoTime();

        tenants.requestLinks(organization, ids);
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
