package com.merchantbilling.payments.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.support.FreePort;
import com.merchantbilling.support.TestTenants;

/**
 * Wall time for one bulk action of 100 links through the built-in Stripe sandbox of the default run
 * (same code path as real Stripe, over HTTP on the app's own port, at the default 25 requests/s).
 * Prints figures; the floor is the rate limit: 100 calls at 25/s take 4 s.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SandboxBulkLinksBenchmark {

    static final int PORT = FreePort.find();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    Organizations organizations;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;
    @Autowired
    AddOnSubscriptions addOns;

    @Test
    void oneHundredLinksThroughTheSandbox() {
        for (int round = 1; round <= 3; round++) {
            var organization = organizations.register("Bench " + round + " " + System.nanoTime(), Optional.empty()).id();
            addOns.subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
            var ids = TestTenants.invoices(invoices, organization, "B" + round, 100, "JPY");

            long start = System.nanoTime();
            assertThat(requests.request(organization, ids, "bench").requested()).hasSize(100);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                    invoices.findAll(organization, ids).stream()
                            .allMatch(i -> i.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCHMARK sandbox bulk links, round %d: 100 links in %.2f s (floor at 25/s: 4.0 s, ratio %.2f)%n",
                    round, seconds, seconds / 4.0);
        }
    }
}
