package com.merchantbilling.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;

/**
 * A fifth of Stripe's answers go wrong in every way Stripe's can: a 500 saved under the idempotency key (before
 * and after the link was made), 429 with and without Stripe-Should-Retry, an answer slower than the client's
 * read timeout, a connection dropped after the link was made (its answer lost, the key replayed) and one dropped
 * before the request arrived. Every one of 100 invoices still ends with exactly one active link.
 */
class StripeFaultsIntegrationTests extends ReliabilityTestSupport {

    static final int INVOICES = 100;

    @Autowired
    StripeCallPolicy policy;
    @Autowired
    DeploymentId deployment;

    @Test
    void oneLinkPerInvoiceThroughRandomFaults() {
        var organization = tenants.subscribed("Faults");
        var ids = tenants.invoices(organization, "F", INVOICES, "USD");
        var injected = new EnumMap<Fault, AtomicLong>(Fault.class);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
        }
        var random = FaultPlan.randomly(20261202L, 0.2, Fault.FAIL_500, Fault.FAIL_500_AFTER_CREATING,
                Fault.RATE_LIMITED_429, Fault.RATE_LIMITED_429_SHOULD_RETRY, Fault.SLOW, Fault.DROP_AFTER_PROCESSING,
                Fault.DROP_BEFORE_PROCESSING);
        stripe.setFaults(request -> {
            var fault = random.next(request);
            injected.get(fault).incrementAndGet();
            return fault;
        });
        // past the 1 s read timeout: the client gives up while Stripe has made the link
        stripe.setSlowResponseDelay(Duration.ofSeconds(3));
        long callsBefore = stripe.createCalls();
        long limitedBefore = stripe.rateLimitedResponses();
        long errorsBefore = stripe.serverErrorResponses();
        long retriesBefore = policy.retries();
        long started = System.nanoTime();

        var result = requests.request(organization, ids, "aiko");
        assertThat(result.requested()).hasSize(INVOICES);
        awaitStatus(ids, OnlinePaymentStatus.PENDING_PAYMENT);
        long elapsed = (System.nanoTime() - started) / 1_000_000;

        long duplicates = 0;
        var keyPattern = java.util.regex.Pattern.compile("merchant-billing-" + deployment.value() + "-plink-(\\d+)-(\\d+)");
        for (var id : ids) {
            long active = activeLinksAtStripe(id);
            duplicates += Math.max(0, active - 1);
            assertThat(active).as("active links of invoice %s", id).isEqualTo(1);
            // every link beyond the recorded one is an orphan, deactivated
            assertThat(stripe.activeLinksForInvoice(Long.toString(id.value())).getFirst().id())
                    .isEqualTo(linkIdOf(id));
            // each attempt has its own namespaced key; a saved 500's key is never sent again by our code
            assertThat(idempotencyKeys(id)).isNotEmpty().allSatisfy(key -> {
                var matcher = keyPattern.matcher(key);
                assertThat(matcher.matches()).as(key).isTrue();
                assertThat(matcher.group(1)).isEqualTo(Long.toString(id.value()));
            });
        }
        assertThat(duplicates).isZero();
        assertThat(countWithStatus(ids, OnlinePaymentStatus.LINK_FAILED)).isZero();
        long faulted = injected.entrySet().stream().filter(e -> e.getKey() != Fault.PASS)
                .mapToLong(e -> e.getValue().get()).sum();
        assertThat(faulted).as("the plan did inject faults").isPositive();
        assertThat(injected.get(Fault.FAIL_500).get()).as("500s saved before a link was made").isPositive();
        assertThat(injected.get(Fault.FAIL_500_AFTER_CREATING).get()).as("500s saved after a link was made")
                .isPositive();
        assertThat(injected.get(Fault.DROP_AFTER_PROCESSING).get()).as("links whose answer was lost").isPositive();
        System.out.printf("""
                [faults] %d invoices -> %d links, duplicates %d, in %d ms
                [faults] create calls %d (%d faulted: %s)
                [faults] 429 answers %d, 500 answers %d, policy retries (after stripe-java gave up) %d%n""",
                INVOICES, ids.stream().mapToLong(this::linksAtStripe).sum(), duplicates, elapsed,
                stripe.createCalls() - callsBefore, faulted, counts(injected),
                stripe.rateLimitedResponses() - limitedBefore, stripe.serverErrorResponses() - errorsBefore,
                policy.retries() - retriesBefore);
        // a fault costs one more create call (a retry, or the next attempt's key), and a publication that outlives
        // resubmit-older-than (5 s here) may be resubmitted once and replayed by its key: never a loop (a saved 500
        // used to be retried with its key up to 18 times a minute)
        assertThat(stripe.createCalls() - callsBefore).isBetween((long) INVOICES, (long) INVOICES + 2 * faulted);
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
