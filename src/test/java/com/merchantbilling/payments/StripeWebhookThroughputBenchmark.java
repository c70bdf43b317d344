package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

/**
 * Loopback figures for the endpoint: requests per second and latency until Stripe has its answer, then how
 * long the processing after the response takes to drain. Printed, not asserted: timings on a shared
 * two-core machine say little. The pom's surefire configuration fixes excludedGroups to "benchmark,load"
 * (a command-line -DexcludedGroups does not override it): drop "benchmark" there locally, then
 * {@code ./mvnw test -Dtest=StripeWebhookThroughputBenchmark}.
 */
@Tag("benchmark")
class StripeWebhookThroughputBenchmark extends WebhookTestSupport {

    static final int PAID = 200;
    static final int UNKNOWN = 1800;
    static final int CLIENTS = 8;

    @Test
    void measuresLoopbackThroughput() throws Exception {
        var organization = organization("Bench", Optional.empty());
        var payloads = new ArrayList<String>();
        for (int i = 0; i < PAID; i++) {
            var invoice = pendingInvoice(organization, "JPY");
            payloads.add(StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy")));
        }
        for (int i = 0; i < UNKNOWN; i++) {
            payloads.add(StripeEvents.completed(new CheckoutSession("plink_bench_unknown_" + i, 1000, "jpy")));
        }
        // warm-up: JIT, connection pool, prepared statements
        for (int i = 0; i < 50; i++) {
            deliver(StripeEvents.completed(new CheckoutSession("plink_warmup_" + i, 1, "usd")));
        }
        java.util.Collections.shuffle(payloads, new java.util.Random(7));
        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        var next = new AtomicInteger();

        long start = System.nanoTime();
        try (var clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < payloads.size(); i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        var response = deliver(payloads.get(i));
                        latencies.add(System.nanoTime() - sent);
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        long answered = System.nanoTime() - start;
        var ids = payloads.stream().map(StripeEvents::eventId).toList();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> unprocessed(ids) == 0);
        long drained = System.nanoTime() - start;

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("""
                Stripe webhook loopback benchmark: %d events (%d paying invoices), %d concurrent clients
                  answered: %.0f events/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  processed after the response: all done %.0f ms after the first request (%.0f events/s)
                %n""", payloads.size(), PAID, CLIENTS, payloads.size() / seconds(answered), millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), millis(drained),
                payloads.size() / seconds(drained));

        assertThat(failures.get()).isZero();
        assertThat(paidEvents(ids)).isEqualTo(PAID);
    }

    private long unprocessed(List<String> ids) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and processed_at is null")
                .param("ids", ids).query(Long.class).single();
    }

    private long paidEvents(List<String> ids) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and outcome = 'PAID'")
                .param("ids", ids).query(Long.class).single();
    }

    private static long percentile(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }
}
