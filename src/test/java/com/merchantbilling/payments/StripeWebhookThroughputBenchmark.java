package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import com.merchantbilling.support.Figures;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;
import com.stripe.Stripe;
import com.stripe.net.Webhook;

/**
 * Loopback figures for the endpoint: events per second and latency until Stripe has its answer, how long the
 * batch processing after the response takes to drain, CPU per event (this JVM without the load generator's
 * threads, i.e. the clients and the JDK HttpClient's, and PostgreSQL), and the machine's limit for what the request must do (HMAC check + one insert + commit,
 * no HTTP, no processing) to compare with. Printed, not asserted: timings on a shared two-core machine say little;
 * what is asserted is exactly-once. Run with the suite ({@code scripts/bench}) or alone:
 * {@code BENCH_TESTS=StripeWebhookThroughputBenchmark scripts/bench}.
 * <p>
 * Two phases in one application: each request inserting its own event, then group commit
 * ({@code payments.webhook.group-commit}). The load of each, 2,000 deliveries from 8 clients in random order: 600 payments of invoices, 200 delayed payments whose
 * {@code async_payment_succeeded} is delivered before their {@code checkout.session.completed} (unpaid), as
 * Stripe does not guarantee order; 200 redeliveries of events of the load (same id, same body); 800 sessions of
 * other integrations (no payment link of ours).
 */
@Tag("benchmark")
class StripeWebhookThroughputBenchmark extends WebhookTestSupport {

    static final int PAID = 600;
    static final int OUT_OF_ORDER = 200;
    static final int DUPLICATES = 200;
    static final int FOREIGN = 800;
    static final int CLIENTS = 8;
    static final int LIMIT_EVENTS = 4000;

    @Autowired
    com.merchantbilling.payments.internal.webhook.WebhookInbox inbox;

    @Test
    void measuresLoopbackThroughput() throws Exception {
        var organization = organization("Bench", Optional.empty());
        var postmaster = postmaster();
        // warm-up: JIT, connection pool, prepared statements, both ways of inserting
        for (boolean grouped : new boolean[] { true, false }) {
            ReflectionTestUtils.setField(inbox, "grouped", grouped);
            for (int i = 0; i < 200; i++) {
                deliver(StripeEvents.completed(new CheckoutSession(null, 1, "usd")));
            }
        }
        // a whole phase of the real mix, not reported: the first phase ran about twice as slow as the second in
        // either mode, the JIT compiling the processing paths the warm-up above does not reach
        phase("warm-up", organization, postmaster);
        // group commit first: what JIT compilation is left then slows it, not the mode it is compared with
        ReflectionTestUtils.setField(inbox, "grouped", true);
        Phase grouped;
        try {
            grouped = phase("group commit", organization, postmaster);
        } finally {
            ReflectionTestUtils.setField(inbox, "grouped", false);
        }
        var single = phase("one insert per request", organization, postmaster);
        var limit = machineLimit(postmaster);

        System.out.printf("""
                Stripe webhook loopback benchmark: %d deliveries per phase (%d payments, %d delayed payments \
                delivered out of order, ~%d duplicates, %d foreign), %d concurrent clients, %d cores
                  machine limit (HMAC + insert + commit alone, %d threads, no HTTP): %.0f events/s, CPU per event \
                JVM %.3f ms, PostgreSQL %.3f ms
                %s%s
                """, grouped.deliveries(), PAID, OUT_OF_ORDER, DUPLICATES, FOREIGN, CLIENTS,
                Runtime.getRuntime().availableProcessors(), CLIENTS, limit.rate(),
                limit.cpu().jvmMillis() / LIMIT_EVENTS, limit.cpu().postgresMillis() / LIMIT_EVENTS, grouped, single);
        for (var phase : List.of(grouped, single)) {
            Figures.print("webhook %s, %d clients, %d deliveries (load avg %.1f)".formatted(phase.name(), CLIENTS,
                    phase.deliveries(), phase.load()), "%.0f events/s (%.0f%% of the machine's limit %.0f/s)"
                    .formatted(phase.rate(), 100 * phase.rate() / limit.rate(), limit.rate()), ">= 1,000 events/s",
                    phase.rate() >= 1000);
            Figures.print("webhook %s, answer latency p99".formatted(phase.name()), "%.1f ms (p50 %.1f ms)"
                    .formatted(phase.p99(), phase.p50()), "p99 < 50 ms", phase.p99() < 50);
            Figures.note(("webhook %s, CPU per delivery until all processed: app JVM %.2f ms (the load generator's "
                    + "threads excluded: %.2f ms), PostgreSQL %.2f ms; drained %.0f events/s").formatted(
                    phase.name(), phase.jvmAll(), phase.clientCpu(), phase.postgresAll(), phase.drainedRate()));
        }
        Figures.note("webhook machine limit (HMAC + insert + commit alone, %d threads): %.0f events/s, JVM %.3f ms + "
                .formatted(CLIENTS, limit.rate(), limit.cpu().jvmMillis() / LIMIT_EVENTS)
                + "PostgreSQL %.3f ms CPU per event".formatted(limit.cpu().postgresMillis() / LIMIT_EVENTS));
    }

    /** One load of fresh events and invoices, answered, drained and checked for exactly-once. */
    private Phase phase(String name, com.merchantbilling.organizations.OrganizationId organization,
            ProcessHandle postmaster) throws Exception {
        var units = new ArrayList<List<String>>();
        var payments = new ArrayList<String>();
        for (int i = 0; i < PAID; i++) {
            var invoice = pendingInvoice(organization, "JPY");
            var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));
            payments.add(payload);
            units.add(List.of(payload));
        }
        var invoiceIds = new ArrayList<Long>();
        for (int i = 0; i < OUT_OF_ORDER; i++) {
            var invoice = pendingInvoice(organization, "JPY");
            invoiceIds.add(invoice.id().value());
            var session = new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy").paymentStatus("unpaid");
            var completed = StripeEvents.completed(session);
            var succeeded = StripeEvents.event(StripeEvents.newEventId(), "checkout.session.async_payment_succeeded",
                    session.paymentStatus("paid"), null, Stripe.API_VERSION);
            // one unit, delivered in this order: the later event first
            units.add(List.of(succeeded, completed));
        }
        var random = new Random(7);
        for (int i = 0; i < DUPLICATES; i++) {
            units.add(List.of(payments.get(random.nextInt(payments.size()))));
        }
        for (int i = 0; i < FOREIGN; i++) {
            units.add(List.of(StripeEvents.completed(new CheckoutSession(null, 1000, "jpy"))));
        }
        Collections.shuffle(units, random);
        var deliveries = units.stream().flatMap(List::stream).toList();
        var ids = deliveries.stream().map(StripeEvents::eventId).distinct().toList();
        int duplicates = deliveries.size() - ids.size();

        // the link requests of the setup settle first: their listeners are not what is measured
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0
                && jdbc.sql("select count(*) from stripe_webhook_events where processed_at is null")
                        .query(Long.class).single() == 0);

        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        var duplicateAnswers = new AtomicInteger();
        var next = new AtomicInteger();
        var generator = LoadGeneratorCpu.start();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        var cpu = CpuTime.sample(postmaster);
        long start = System.nanoTime();
        try (var clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < deliveries.size(); i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        var response = deliver(deliveries.get(i));
                        latencies.add(System.nanoTime() - sent);
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        } else if ("Duplicate".equals(response.body())) {
                            duplicateAnswers.incrementAndGet();
                        }
                    }
                });
            }
        }
        long answered = System.nanoTime() - start;
        var answeredCpu = CpuTime.sample(postmaster).minus(cpu);
        long generatorNanos = generator.used();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> unprocessed(ids) == 0);
        long drained = System.nanoTime() - start;
        var used = CpuTime.sample(postmaster).minus(cpu);

        // exactly once: every event stored once and processed once, every paying invoice paid once
        assertThat(failures.get()).isZero();
        assertThat(duplicateAnswers.get()).isEqualTo(duplicates);
        assertThat(jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(ids.size());
        assertThat(outcomes(ids, "PAID")).isEqualTo(PAID + OUT_OF_ORDER);
        assertThat(outcomes(ids, "IGNORED_NOT_PAID")).isEqualTo(OUT_OF_ORDER);
        assertThat(outcomes(ids, "IGNORED_UNKNOWN_LINK")).isEqualTo(FOREIGN);
        assertThat(jdbc.sql("""
                        select count(*), count(distinct invoice_id) from invoice_payments
                         where stripe_event_id in (:ids)""").param("ids", ids)
                .query((row, i) -> List.of(row.getLong(1), row.getLong(2))).single())
                .as("payments, invoices paid").containsExactly((long) PAID + OUT_OF_ORDER, (long) PAID + OUT_OF_ORDER);
        assertThat(jdbc.sql("select count(*) from invoices where id in (:ids) and online_payment_status = 'PAID'")
                .param("ids", invoiceIds).query(Long.class).single()).as("delayed payments paid")
                .isEqualTo(OUT_OF_ORDER);

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = deliveries.size();
        double client = generatorNanos / 1e6 / n;
        return new Phase(name, n, duplicates, load, n / seconds(answered), millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), n / seconds(drained),
                answeredCpu.jvmMillis() / n - client, answeredCpu.postgresMillis() / n, used.jvmMillis() / n - client,
                used.postgresMillis() / n, client);
    }

    /**
     * CPU of the load generator's platform threads: the clients (a fixed pool, "pool-N-thread-M") and the JDK
     * HttpClient's selector and worker threads ("HttpClient-..."). The app's request handling runs on virtual
     * threads (spring.threads.virtual.enabled), whose CPU lands on the carrier threads: counted as the app's.
     */
    record LoadGeneratorCpu(java.util.Map<Long, Long> before) {

        static LoadGeneratorCpu start() {
            return new LoadGeneratorCpu(snapshot());
        }

        long used() {
            long total = 0;
            for (var entry : snapshot().entrySet()) {
                total += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            }
            return total;
        }

        private static java.util.Map<Long, Long> snapshot() {
            var threads = ManagementFactory.getThreadMXBean();
            var cpu = new java.util.HashMap<Long, Long>();
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && (info.getThreadName().startsWith("HttpClient-")
                        || info.getThreadName().matches("pool-\\d+-thread-\\d+"))) {
                    long nanos = threads.getThreadCpuTime(info.getThreadId());
                    if (nanos >= 0) {
                        cpu.put(info.getThreadId(), nanos);
                    }
                }
            }
            return cpu;
        }
    }

    record Phase(String name, int deliveries, int duplicates, double load, double rate, double p50, double p99,
            double max, double drainedRate, double jvmAnswering, double postgresAnswering, double jvmAll,
            double postgresAll, double clientCpu) {

        @Override
        public String toString() {
            return """
                      %s (load average %.1f, %d duplicates):
                        answered: %.0f events/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms
                        processed: all done at %.0f events/s
                        CPU per delivery while answering: app JVM %.3f ms, PostgreSQL %.3f ms (load generator's threads %.3f ms)
                        CPU per delivery until processed: app JVM %.3f ms, PostgreSQL %.3f ms
                    """.formatted(name, load, duplicates, rate, p50, p99, max, drainedRate, jvmAnswering,
                    postgresAnswering, clientCpu, jvmAll, postgresAll);
        }
    }

    /**
     * What the request must do at least, without HTTP and without processing: verify a Stripe-Signature
     * (HMAC-SHA256) and insert the event into a table like the inbox in auto-commit, from as many threads as clients.
     */
    private Limit machineLimit(ProcessHandle postmaster) throws Exception {
        jdbc.sql("drop table if exists bench_inbox").update();
        jdbc.sql("create table bench_inbox (like stripe_webhook_events including all)").update();
        try {
            var payloads = new ArrayList<String>();
            var signatures = new ArrayList<String>();
            for (int i = 0; i < LIMIT_EVENTS + 400; i++) {
                var payload = StripeEvents.completed(new CheckoutSession(null, 1000, "jpy"));
                payloads.add(payload);
                signatures.add(StripeEvents.signature(payload, WEBHOOK_SECRET));
            }
            // warm-up, then the measured events
            runLimit(payloads.subList(0, 400), signatures.subList(0, 400));
            var cpu = CpuTime.sample(postmaster);
            long start = System.nanoTime();
            runLimit(payloads.subList(400, payloads.size()), signatures.subList(400, signatures.size()));
            long took = System.nanoTime() - start;
            assertThat(jdbc.sql("select count(*) from bench_inbox").query(Long.class).single())
                    .isEqualTo(payloads.size());
            return new Limit(LIMIT_EVENTS / seconds(took), CpuTime.sample(postmaster).minus(cpu));
        } finally {
            jdbc.sql("drop table if exists bench_inbox").update();
        }
    }

    private void runLimit(List<String> payloads, List<String> signatures) throws Exception {
        var next = new AtomicInteger();
        try (var threads = Executors.newFixedThreadPool(CLIENTS)) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < payloads.size(); i = next.getAndIncrement()) {
                        var payload = payloads.get(i);
                        try {
                            Webhook.Signature.verifyHeader(payload, signatures.get(i), WEBHOOK_SECRET, 300);
                        } catch (com.stripe.exception.SignatureVerificationException e) {
                            throw new IllegalStateException(e);
                        }
                        jdbc.sql("""
                                insert into bench_inbox (event_id, event_type, payload) values (:id, :type, :payload)
                                on conflict (event_id) do nothing""")
                                .param("id", StripeEvents.eventId(payload)).param("type", "checkout.session.completed")
                                .param("payload", payload).update();
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
    }

    record Limit(double rate, CpuTime cpu) {
    }

    /** Our own server among the machine's PostgreSQL processes: the parent of a backend of ours. */
    private ProcessHandle postmaster() {
        return ProcessHandle.of(jdbc.sql("select pg_backend_pid()").query(Long.class).single())
                .flatMap(ProcessHandle::parent).orElseThrow();
    }

    private long unprocessed(List<String> ids) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and processed_at is null")
                .param("ids", ids).query(Long.class).single();
    }

    private long outcomes(List<String> ids, String outcome) {
        return jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and outcome = :outcome")
                .param("ids", ids).param("outcome", outcome).query(Long.class).single();
    }

    /** CPU seconds of this JVM and of its PostgreSQL processes (children of the embedded server), from /proc. */
    record CpuTime(long jvmNanos, long postgresNanos) {

        static CpuTime sample(ProcessHandle postmaster) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
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
