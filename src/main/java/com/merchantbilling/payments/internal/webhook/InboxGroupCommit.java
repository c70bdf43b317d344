package com.merchantbilling.payments.internal.webhook;

import java.sql.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group commit of the inbox inserts of concurrent requests: one writer thread takes whatever requests queued
 * while its previous statement ran (nothing is waited for: a lone request is written at once), inserts them all
 * in one statement in auto-commit, and completes each request's future after that commit. So N concurrent
 * webhooks cost one statement and one commit instead of N, and one connection instead of N. Off by default
 * ({@code payments.webhook.group-commit}); see docs/performance.md for what it measured.
 */
class InboxGroupCommit {

    private static final Logger log = LoggerFactory.getLogger(InboxGroupCommit.class);
    private static final int MAX_GROUP = 256;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    InboxGroupCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = Thread.ofVirtual().name("stripe-inbox-writer").start(this::write);
    }

    /** True when this call stored the event, false when it was stored before (or by a concurrent delivery). */
    boolean insert(VerifiedStripeEvent event) {
        var pending = new Pending(event, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.stored().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DataAccessException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // maybe stored after all: Stripe's retry is answered Duplicate then, and processed once either way
            throw new QueryTimeoutException("The inbox insert did not complete within " + ANSWER_WITHIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryTimeoutException("Interrupted while waiting for the inbox insert");
        }
    }

    private void write() {
        var group = new ArrayList<Pending>();
        while (running) {
            try {
                var first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                insertAll(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Group insert of {} Stripe events failed: {}", group.size(), e.toString());
                group.forEach(pending -> pending.stored().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void insertAll(List<Pending> group) {
        int n = group.size();
        var ids = new String[n];
        var types = new String[n];
        var accounts = new String[n];
        var payloads = new String[n];
        for (int i = 0; i < n; i++) {
            var event = group.get(i).event();
            ids[i] = event.id();
            types[i] = event.type();
            accounts[i] = event.account();
            payloads[i] = event.payload();
        }
        // on conflict do nothing also settles two deliveries of one event within the group: one row, one id returned
        Set<String> inserted = new HashSet<>(jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    insert into stripe_webhook_events (event_id, event_type, account_id, payload)
                    select * from unnest(?, ?, ?, ?)
                    on conflict (event_id) do nothing
                    returning event_id""");
            Array[] arrays = { connection.createArrayOf("varchar", ids), connection.createArrayOf("varchar", types),
                    connection.createArrayOf("varchar", accounts), connection.createArrayOf("text", payloads) };
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            return statement;
        }, (row, i) -> row.getString(1)));
        for (var pending : group) {
            // the first of several deliveries of one id in the group is the one that stored it
            pending.stored().complete(inserted.remove(pending.event().id()));
        }
    }

    void stop() {
        running = false;
        writer.interrupt();
        Pending left;
        while ((left = queue.poll()) != null) {
            left.stored().completeExceptionally(new QueryTimeoutException("Shutting down"));
        }
    }

    private record Pending(VerifiedStripeEvent event, CompletableFuture<Boolean> stored) {
    }
}
