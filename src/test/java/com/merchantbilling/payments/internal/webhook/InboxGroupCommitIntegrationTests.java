package com.merchantbilling.payments.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group commit: concurrent requests share inserts, and each learns whether it was the one that stored its event,
 * also when two deliveries of one event land in the same group. Events of an unhandled type: the processing marks
 * them IGNORED_TYPE and touches nothing else.
 */
@SpringBootTest(properties = { "stripe.secret-key=sk_test_cleanup", "stripe.webhook-secret=whsec_test_cleanup" })
class InboxGroupCommitIntegrationTests {

    @Autowired
    JdbcTemplate jdbcTemplate;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentDeliveriesAreStoredOnceAndExactlyOneOfThemIsToldSo() throws Exception {
        var groupCommit = new InboxGroupCommit(jdbcTemplate);
        try {
            var events = new ArrayList<VerifiedStripeEvent>();
            for (int i = 0; i < 100; i++) {
                String id = "evt_group_" + UUID.randomUUID();
                events.add(new VerifiedStripeEvent(id, "customer.created", i % 2 == 0 ? "acct_1Group" : null,
                        "{\"id\": \"" + id + "\", \"type\": \"customer.created\"}"));
            }
            // each event delivered three times, all at once from 12 threads
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int copy = 0; copy < 3; copy++) {
                for (var event : events) {
                    tasks.add(() -> groupCommit.insert(event));
                }
            }
            List<Future<Boolean>> answers;
            try (var executor = Executors.newFixedThreadPool(12)) {
                answers = executor.invokeAll(tasks);
            }
            int stored = 0;
            for (var answer : answers) {
                stored += answer.get() ? 1 : 0;
            }

            var ids = events.stream().map(VerifiedStripeEvent::id).toList();
            assertThat(stored).as("answers 'Received'").isEqualTo(100);
            assertThat(jdbc.sql("""
                            select count(*) from stripe_webhook_events
                             where event_id in (:ids) and event_type = 'customer.created'""")
                    .param("ids", ids).query(Long.class).single()).isEqualTo(100);
            assertThat(jdbc.sql("select count(*) from stripe_webhook_events where event_id in (:ids) and account_id = 'acct_1Group'")
                    .param("ids", ids).query(Long.class).single()).as("account kept").isEqualTo(50);
            // once stored, a later delivery is a duplicate
            assertThat(groupCommit.insert(events.getFirst())).isFalse();
        } finally {
            groupCommit.stop();
        }
    }
}
