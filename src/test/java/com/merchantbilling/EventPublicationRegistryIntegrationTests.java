package com.merchantbilling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The registry's table stays small and its lookups indexed (V16, completion mode DELETE), and what did not
 * complete is visible to an operator. Every change here runs in a transaction that is rolled back, so the shared
 * context's database keeps no fabricated rows.
 */
@SpringBootTest(properties = { "stripe.secret-key=sk_test_cleanup", "stripe.webhook-secret=whsec_test_cleanup" })
@ExtendWith(OutputCaptureExtension.class)
class EventPublicationRegistryIntegrationTests {

    /** Spring Modulith 2.1.1's JdbcEventPublicationRepositoryV2 statements, with its column list and table. */
    private static final String COLUMNS = "ID, COMPLETION_DATE, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, "
            + "SERIALIZED_EVENT, STATUS, COMPLETION_ATTEMPTS, LAST_RESUBMISSION_DATE";
    private static final String FIND_INCOMPLETE = "SELECT " + COLUMNS + " FROM EVENT_PUBLICATION WHERE "
            + "COMPLETION_DATE IS NULL OR STATUS != 'COMPLETED' ORDER BY PUBLICATION_DATE ASC";
    private static final String FIND_INCOMPLETE_PUBLISHED_BEFORE = "SELECT " + COLUMNS + " FROM EVENT_PUBLICATION "
            + "WHERE (COMPLETION_DATE IS NULL OR STATUS IS NOT NULL AND STATUS = 'PROCESSING') "
            + "AND PUBLICATION_DATE < now() - interval '1 minute' ORDER BY PUBLICATION_DATE ASC";
    private static final String FIND_BY_STATUS = "SELECT " + COLUMNS + " FROM EVENT_PUBLICATION "
            + "WHERE STATUS = 'FAILED' ORDER BY PUBLICATION_DATE ASC";
    private static final String COUNT_BY_STATUS = "SELECT COUNT(ID) FROM EVENT_PUBLICATION WHERE STATUS = 'PROCESSING'";
    private static final String FIND_FAILED = "SELECT " + COLUMNS + " FROM EVENT_PUBLICATION "
            + "WHERE STATUS = 'FAILED' OR (STATUS IS NULL AND COMPLETION_DATE IS NULL)";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    EventPublicationMonitor monitor;

    @Autowired
    MeterRegistry meters;

    @Test
    void incompleteLookupsUseTheIndexesOnABigTable() {
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'event_publication'")
                .query(String.class).list())
                .contains("event_publication_incomplete_idx");

        transaction.executeWithoutResult(status -> {
            // 100,000 completed rows, as a table kept them before V16, beside a small backlog
            jdbc.sql("""
                    insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                   completion_date, status, completion_attempts)
                    select gen_random_uuid(), 'listener.' || (n % 7), 'com.example.Event', '{"n":' || n || '}',
                           now() - interval '2 days' + n * interval '1 second',
                           case when n % 1000 = 0 then null else now() end,
                           case when n % 1000 = 0 then (array['PUBLISHED','PROCESSING','FAILED'])[1 + (n / 1000) % 3]
                                else 'COMPLETED' end,
                           1
                      from generate_series(1, 100000) n""").update();
            jdbc.sql("analyze event_publication").update();

            assertThat(plan(FIND_INCOMPLETE)).contains("event_publication_incomplete_idx").doesNotContain("Seq Scan");
            assertThat(plan(FIND_INCOMPLETE_PUBLISHED_BEFORE)).contains("event_publication_incomplete_idx")
                    .doesNotContain("Seq Scan");
            for (String lookup : new String[] { FIND_BY_STATUS, COUNT_BY_STATUS, FIND_FAILED }) {
                assertThat(plan(lookup)).as(lookup).contains("event_publication_incomplete_idx")
                        .doesNotContain("Seq Scan");
            }
            status.setRollbackOnly();
        });
    }

    @Test
    void aFailedPublicationShowsInTheGaugeAndInOneLogLine(CapturedOutput output) {
        transaction.executeWithoutResult(status -> {
            var before = monitor.check();
            int logged = output.getOut().length();
            insert("FAILED", "3 hours");
            insert("FAILED", "2 hours");
            insert("PUBLISHED", "1 hour");
            insert("PUBLISHED", "1 second");

            var after = monitor.check();

            assertThat(after.failed()).isEqualTo(before.failed() + 2);
            assertThat(after.stale()).as("published an hour ago; a second ago is not stale")
                    .isEqualTo(before.stale() + 1);
            assertThat(meters.get("event.publications.incomplete").tag("status", "failed").gauge().value())
                    .isEqualTo(after.failed());
            assertThat(meters.get("event.publications.incomplete").tag("status", "published").gauge().value())
                    .isGreaterThanOrEqualTo(2);
            assertThat(meters.get("event.publications.stale").gauge().value()).isEqualTo(after.stale());
            var lines = output.getOut().substring(logged).lines()
                    .filter(line -> line.contains("Event publications need attention")).toList();
            assertThat(lines).singleElement().asString()
                    .contains(after.failed() + " failed", after.stale() + " stale", "test.listener (3)");
            status.setRollbackOnly();
        });
        assertThat(monitor.check().failed()).isZero();
        assertThat(meters.get("event.publications.incomplete").tag("status", "failed").gauge().value()).isZero();
    }

    private void insert(String status, String age) {
        jdbc.sql("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                               status, completion_attempts)
                values (gen_random_uuid(), 'test.listener', 'com.example.Event', '{}',
                        now() - cast(:age as interval), :status, 1)""")
                .param("age", age).param("status", status).update();
    }

    private String plan(String sql) {
        List<String> lines = jdbc.sql("explain " + sql).query(String.class).list();
        return String.join("\n", lines);
    }
}
