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
 * two-core machine say little. Run with the suite ({@code scripts/bench}) or alone:
 * {@code BENCH_TESTS=StripeWebhookThroughputBenchmark scripts/bench}.
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

        // our own server among the machine's PostgreSQL processes: the parent of a backend of ours
        var postmaster = ProcessHandle.of(jdbc.sql("select pg_backend_pid()").query(Long.class).single())
                .flatMap(ProcessHandle::parent).orElseThrow();
        var cpu = CpuTime.sample(postmaster);
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
        var used = CpuTime.sample(postmaster).minus(cpu);

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("""
                Stripe webhook loopback benchmark: %d events (%d paying invoices), %d concurrent clients
                  answered: %.0f events/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  processed after the response: all done %.0f ms after the first request (%.0f events/s)
                %n""", payloads.size(), PAID, CLIENTS, payloads.size() / seconds(answered), millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), millis(drained),
                payloads.size() / seconds(drained));

        double rate = payloads.size() / seconds(answered);
        double p99 = millis(percentile(sorted, 99));
        com.merchantbilling.support.Figures.print("webhook " + CLIENTS + " clients, " + payloads.size() + " events",
                "%.0f events/s".formatted(rate), ">= 1,000 events/s", rate >= 1000);
        com.merchantbilling.support.Figures.print("webhook answer latency p99", "%.1f ms (p50 %.1f ms)".formatted(p99,
                millis(percentile(sorted, 50))), "p99 < 50 ms", p99 < 50);
        com.merchantbilling.support.Figures.note(("CPU per event until all processed: JVM (app + load generator) %.2f ms, "
                + "PostgreSQL %.2f ms; %d cores").formatted(used.jvmMillis() / payloads.size(),
                used.postgresMillis() / payloads.size(), Runtime.getRuntime().availableProcessors()));

        // exactly once: every event stored once and processed once, every paying invoice paid once
        assertThat(failures.get()).isZero();
        assertThat(paidEvents(ids)).isEqualTo(PAID);
        assertThat(jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(payloads.size());
        assertThat(jdbc.sql("select count(*) from invoice_payments where stripe_event_id in (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(PAID);
    }

    private long unprocessed(List<String> ids) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and processed_at is null")
                .param("ids", ids).query(Long.class).single();
    }

    private long paidEvents(List<String> ids) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and outcome = 'PAID'")
                .param("ids", ids).query(Long.class).single();
    }

    /** CPU seconds of this JVM and of its PostgreSQL processes (children of the embedded server), from /proc. */
    record CpuTime(long jvmNanos, long postgresNanos) {

        static CpuTime sample(ProcessHandle postmaster) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long postgres = procCpuNanos(postmaster) + postmaster.children().mapToLong(CpuTime::procCpuNanos).sum();
            return new CpuTime(jvm, postgres);
        }

        /** utime + stime of the process and its waited-for children (the backends that ended). */
        private static long procCpuNanos(ProcessHandle process) {
            try {
                var stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + process.pid() + "/stat"));
                var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]);
                return ticks * 10_000_000L; // USER_HZ 100
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }

        CpuTime minus(CpuTime before) {
            return new CpuTime(jvmNanos - before.jvmNanos, postgresNanos - before.postgresNanos);
        }

        double jvmMillis() {
            return jvmNanos / 1e6;
        }

        double postgresMillis() {
            return postgresNanos / 1e6;
        }
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
