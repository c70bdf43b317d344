package com.merchantbilling.payments.internal.webhook;

import java.sql.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Processes the inbox in batches: a worker claims up to {@code payments.webhook.batch-size} unprocessed events in
 * received order ({@code for update skip locked}), applies each ({@link StripeEventProcessor}) and marks them all
 * processed with their outcomes, in one transaction. The inbox row is the durable record: an event is processed
 * exactly when its effects and its processed_at commit together, and a row locked by one worker (of this node or
 * another) is skipped by every other, so no event is processed twice and none waits behind a busy one.
 * <p>
 * A batch that fails (one event's handler throws, a deadlock between two batches, Stripe unreachable for the crash
 * window's link lookup) rolls back as a whole; its events are then processed one per transaction, so one bad event
 * holds back no other. An event that fails on its own stays unprocessed, counts an attempt and is due again after
 * {@code payments.webhook.resubmit-after}. A crash anywhere leaves rows unprocessed, and a poll finds them.
 * <p>
 * Ordering: a batch applies its events in received order. Events of one object arriving out of order (a refund
 * update before its charge.refunded, a dispute closed before it was created) are resolved by invoicing from the
 * event's own creation time and the object's status, as before; processing never needs to wait for an event.
 */
@Component
class WebhookInboxProcessing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookInboxProcessing.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StripeEventProcessor processor;
    private final InboxSignal signal;
    private final WebhookProperties properties;
    private final Counter processed;
    private final Counter failed;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    WebhookInboxProcessing(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            StripeEventProcessor processor, InboxSignal signal, WebhookProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.processor = processor;
        this.signal = signal;
        this.properties = properties;
        this.processed = Counter.builder("stripe.webhook.events").tag("result", "processed")
                .description("Stripe events processed (their outcome committed), or attempts that failed")
                .register(meters);
        this.failed = Counter.builder("stripe.webhook.events").tag("result", "failed")
                .description("Stripe events processed (their outcome committed), or attempts that failed")
                .register(meters);
    }

    /**
     * Claims and processes one batch of due events.
     *
     * @return the events processed (committed) by this call
     */
    int processBatch() {
        List<Claimed> batch = new ArrayList<>();
        try {
            Integer done = transactions.execute(status -> {
                batch.addAll(jdbc.query("""
                                select event_id, payload from stripe_webhook_events
                                 where processed_at is null and (retry_at is null or retry_at <= now())
                                 order by received_at
                                 limit ?
                                   for update skip locked""",
                        (row, n) -> new Claimed(row.getString(1), row.getString(2)), properties.batchSize()));
                if (batch.isEmpty()) {
                    return 0;
                }
                inLockOrder(batch);
                var outcomes = new String[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    outcomes[i] = processor.process(batch.get(i).payload());
                }
                markProcessed(batch.stream().map(Claimed::eventId).toArray(String[]::new), outcomes);
                return batch.size();
            });
            processed.increment(done);
            return done;
        } catch (RuntimeException e) {
            if (batch.size() <= 1) {
                batch.forEach(event -> failed(event.eventId(), e));
                return 0;
            }
            log.info("A batch of {} Stripe events failed ({}): processing them one by one", batch.size(),
                    e.toString());
            int done = 0;
            for (var event : batch) {
                done += processAlone(event.eventId());
            }
            return done;
        }
    }

    /**
     * Puts the batch in the order in which its events lock organizations: every count-changing invoice update
     * locks its organization's row of invoice_counts (V22) until the batch commits, so two batches that met
     * organizations A and B in opposite orders would wait on each other until PostgreSQL broke the deadlock. Sorted
     * by organization (stably, so one organization's events keep their received order), every batch takes those
     * locks in one order. The organization is read from our namespaced metadata with a pattern, not a parse: the
     * payload is parsed once, by the processor. An event without it (another integration's, or an object whose
     * metadata Stripe does not copy) keeps its place after ours.
     */
    static void inLockOrder(List<Claimed> batch) {
        batch.sort(Comparator.comparingLong(event -> organizationOf(event.payload())));
    }

    private static final Pattern ORGANIZATION = Pattern.compile(
            "\"" + PaymentLinkMetadata.ORGANIZATION
                    + "\"\\s*:\\s*\"(\\d{1,18})\"");

    static long organizationOf(String payload) {
        var found = ORGANIZATION.matcher(payload);
        return found.find() ? Long.parseLong(found.group(1)) : Long.MAX_VALUE;
    }

    /** One event in its own transaction, if it is still unprocessed and nobody else holds it. */
    private int processAlone(String eventId) {
        try {
            Integer done = transactions.execute(status -> {
                var payload = jdbc.query("""
                                select payload from stripe_webhook_events
                                 where event_id = ? and processed_at is null
                                   for update skip locked""",
                        (row, n) -> row.getString(1), eventId);
                if (payload.isEmpty()) {
                    return 0;
                }
                markProcessed(new String[] { eventId }, new String[] { processor.process(payload.getFirst()) });
                return 1;
            });
            processed.increment(done);
            return done;
        } catch (RuntimeException e) {
            failed(eventId, e);
            return 0;
        }
    }

    private void failed(String eventId, RuntimeException e) {
        failed.increment();
        log.warn("Stripe event {} could not be processed, tried again after {}: {}", eventId,
                properties.resubmitAfter(), e.toString());
        try {
            String error = String.valueOf(e.getMessage());
            jdbc.update("""
                    update stripe_webhook_events
                       set attempts = attempts + 1, retry_at = now() + ? * interval '1 millisecond', last_error = ?
                     where event_id = ? and processed_at is null""",
                    properties.resubmitAfter().toMillis(), error.length() > 500 ? error.substring(0, 500) : error,
                    eventId);
        } catch (RuntimeException again) {
            // the database itself is gone: the row stays due, the next poll tries it
            log.warn("Could not record the failed attempt of Stripe event {}: {}", eventId, again.toString());
        }
    }

    /** One statement for the whole batch, each row with its own outcome. */
    private void markProcessed(String[] eventIds, String[] outcomes) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    update stripe_webhook_events e
                       set processed_at = now(), outcome = o.outcome, retry_at = null
                      from unnest(?, ?) as o(event_id, outcome)
                     where e.event_id = o.event_id""");
            Array ids = connection.createArrayOf("varchar", eventIds);
            Array values = connection.createArrayOf("varchar", outcomes);
            statement.setArray(1, ids);
            statement.setArray(2, values);
            return statement;
        });
    }

    /** Until stopped: drain what is due, then wait for a signal of this node or the poll interval. */
    private void work() {
        Duration poll = properties.pollInterval();
        while (running) {
            long seen = signal.current();
            int done;
            try {
                done = processBatch();
            } catch (RuntimeException e) {
                // e.g. no connection: wait for the next poll rather than spin
                log.warn("Stripe event processing paused: {}", e.toString());
                done = 0;
            }
            if (done < properties.batchSize() && running) {
                try {
                    if (signal.await(seen, poll) && !properties.linger().isZero()) {
                        // A burst's requests arrive a few milliseconds apart: claimed at once, each batch would
                        // hold one or two events and the two workers would run a transaction per event, on the
                        // cores that answer Stripe. After a short wait they share batches (issue 15).
                        Thread.sleep(properties.linger());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        var number = new AtomicInteger();
        for (int i = 0; i < properties.processingConcurrency(); i++) {
            workers.add(Thread.ofVirtual().name("stripe-inbox-" + number.incrementAndGet()).start(this::work));
        }
    }

    @Override
    public void stop() {
        running = false;
        signal.signal();
        for (var worker : workers) {
            try {
                // a batch in progress finishes (or rolls back when the pool closes); its rows stay due otherwise
                if (!worker.join(Duration.ofSeconds(10))) {
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    record Claimed(String eventId, String payload) {
    }
}
