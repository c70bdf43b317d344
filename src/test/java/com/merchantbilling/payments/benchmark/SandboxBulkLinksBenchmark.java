package com.merchantbilling.payments.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.support.FreeDefinedPort;
import com.merchantbilling.support.Tenants;

/**
 * Wall time for one bulk action of 100 links through the built-in Stripe sandbox of the default run
 * (same code path as real Stripe, over HTTP on the app's own port, at the default 25 requests/s).
 * Prints figures; the floor is the rate limit: 100 calls at 25/s take 4 s, and 99 slots of the cluster-wide
 * budget (StripeBudget.shortestSpan, slots wider than 1/rate) 4.95 s.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@FreeDefinedPort
@Import(Tenants.class)
class SandboxBulkLinksBenchmark {

    @Autowired
    Tenants tenants;

    @Test
    void oneHundredLinksThroughTheSandbox() {
        for (int round = 1; round <= 3; round++) {
            var organization = tenants.subscribed("Bench " + round);
            var ids = tenants.invoices(organization, "B" + round, 100, "JPY");

            long start = System.nanoTime();
            assertThat(tenants.requestLinks(organization, ids, "bench").requested()).hasSize(100);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> tenants.all(organization, ids, OnlinePaymentStatus.PENDING_PAYMENT));
            double seconds = (System.nanoTime() - start) / 1e9;
            double budgetFloor = com.merchantbilling.payments.internal.stripe.StripeBudget.shortestSpan(100, 25)
                    .toNanos() / 1e9;
            System.out.printf("BENCHMARK sandbox bulk links, round %d: 100 links in %.2f s (floor at 25/s: 4.0 s,"
                    + " ratio %.2f; the budget's floor %.2f s, ratio %.2f)%n", round, seconds, seconds / 4.0,
                    budgetFloor, seconds / budgetFloor);
        }
    }
}
