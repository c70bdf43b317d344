package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;
import com.merchantbilling.support.TestTenants;

/**
 * A fifth of Stripe's answers go wrong in every way Stripe's can: 500, 429 with and without
 * Stripe-Should-Retry, an answer slower than the client's read timeout, and a connection dropped after the
 * link was made. Every one of 100 invoices still ends with exactly one link.
 */
class StripeFaultsTest extends ReliabilityTestSupport {

    static final int INVOICES = 100;

    @Autowired
    StripeCallPolicy policy;

    @AfterEach
    void reset() {
        noFaults();
    }

    @Test
    void oneLinkPerInvoiceThroughRandomFaults() {
        var organization = subscribedOrganization("Faults");
        var ids = TestTenants.invoices(invoices, organization, "F", INVOICES, "USD");
        var injected = new EnumMap<Fault, AtomicLong>(Fault.class);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
        }
        var random = FaultPlan.randomly(20261124L, 0.2, Fault.FAIL_500, Fault.RATE_LIMITED_429,
                Fault.RATE_LIMITED_429_SHOULD_RETRY, Fault.SLOW, Fault.DROP_AFTER_PROCESSING);
        STRIPE.setFaults(request -> {
            var fault = random.next(request);
            injected.get(fault).incrementAndGet();
            return fault;
        });
        // past the 1 s read timeout: the client gives up while Stripe has made the link
        STRIPE.setSlowResponseDelay(Duration.ofSeconds(3));
        long callsBefore = STRIPE.createCalls();
        long limitedBefore = STRIPE.rateLimitedResponses();
        long errorsBefore = STRIPE.serverErrorResponses();
        long retriesBefore = policy.retries();
        long started = System.nanoTime();

        var result = requests.request(organization, ids, "aiko");
        assertThat(result.requested()).hasSize(INVOICES);
        awaitStatus(ids, OnlinePaymentStatus.PENDING_PAYMENT);
        long elapsed = (System.nanoTime() - started) / 1_000_000;

        long duplicates = 0;
        for (var id : ids) {
            long links = linksAtStripe(id);
            duplicates += Math.max(0, links - 1);
            assertThat(links).as("links of invoice %s", id).isEqualTo(1);
            // retried, redelivered or resubmitted: always with the request's one key
            assertThat(idempotencyKeys(id)).containsExactly("merchant-billing-payment-link-" + id.value() + "-1");
        }
        assertThat(duplicates).isZero();
        assertThat(countWithStatus(ids, OnlinePaymentStatus.LINK_FAILED)).isZero();
        long faulted = injected.entrySet().stream().filter(e -> e.getKey() != Fault.PASS)
                .mapToLong(e -> e.getValue().get()).sum();
        assertThat(faulted).as("the plan did inject faults").isPositive();
        // each fault costs one more call; anything beyond that is a result that could not be recorded
        assertThat(STRIPE.createCalls() - callsBefore).isEqualTo(INVOICES + faulted);
        System.out.printf("""
                [faults] %d invoices -> %d links, duplicates %d, in %d ms
                [faults] create calls %d (%d faulted: %s)
                [faults] 429 answers %d, 500 answers %d, policy retries (after stripe-java gave up) %d%n""",
                INVOICES, ids.stream().mapToLong(this::linksAtStripe).sum(), duplicates, elapsed,
                STRIPE.createCalls() - callsBefore, faulted, counts(injected),
                STRIPE.rateLimitedResponses() - limitedBefore, STRIPE.serverErrorResponses() - errorsBefore,
                policy.retries() - retriesBefore);
    }

    private static String counts(Map<Fault, AtomicLong> injected) {
        var text = new StringBuilder();
        injected.forEach((fault, count) -> {
            if (fault != Fault.PASS) {
                text.append(fault).append('=').append(count.get()).append(' ');
            }
        });
        return text.toString().strip();
    }
}
