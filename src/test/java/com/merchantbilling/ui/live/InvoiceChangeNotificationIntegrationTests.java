package com.merchantbilling.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.events.PaymentLinkFailed;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.ui.billing.OnlinePaymentUpdates;

/**
 * The NOTIFY path with two listeners on one database, as two nodes would have: the application context's own
 * (feeding its {@link OnlinePaymentUpdates}) and a second one started here. Only committed changes arrive,
 * at both; a lost connection is followed by a "missed changes" call and listening again.
 */
@SpringBootTest(properties = {"stripe.secret-key=sk_test_live_views", "merchantbilling.live.reconnect-delay=100ms"})
class InvoiceChangeNotificationIntegrationTests {

    static final Duration HEARD = Duration.ofSeconds(10);
    static final OrganizationId A = new OrganizationId(900_001);
    static final OrganizationId B = new OrganizationId(900_002);

    @Autowired
    InvoiceChangeNotifications notifications;
    @Autowired
    OnlinePaymentUpdates updates;
    @Autowired
    InvoiceChangeListener contextListener;
    @Autowired
    OrganizationChangeNotifications organizationNotifications;
    @Autowired
    OrganizationChanges organizationChanges;
    @Autowired
    DataSourceProperties dataSource;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    final Recorder secondNode = new Recorder();
    InvoiceChangeListener secondListener;

    @BeforeEach
    void startSecondListener() {
        secondListener = new InvoiceChangeListener(dataSource, secondNode,
                new LiveViewProperties(Duration.ofSeconds(10), Duration.ofMillis(100)));
        secondListener.start();
        Awaitility.await("both listeners listening").atMost(HEARD)
                .until(() -> secondListener.isListening() && contextListener.isListening());
    }

    @AfterEach
    void stopSecondListener() {
        secondListener.stop();
    }

    @Test
    void aCommittedChangeReachesBothNodesAndARolledBackOneNeither() {
        var seenByA = new CopyOnWriteArrayList<InvoiceId>();
        var seenByB = new CopyOnWriteArrayList<InvoiceId>();
        var registrationA = updates.register(A, seenByA::add);
        var registrationB = updates.register(B, seenByB::add);
        try {
            transactions.executeWithoutResult(status -> {
                notifications.on(new PaymentLinkFailed(new InvoiceId(1), A, "rolled back"));
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status -> {
                notifications.on(new PaymentLinkFailed(new InvoiceId(2), A, "committed"));
                notifications.on(new PaymentLinkFailed(new InvoiceId(3), B, "committed"));
                // not sent before the commit: nobody may re-read a state that is not there yet
                assertThat(secondNode.changes).isEmpty();
            });

            Awaitility.await("the commit heard on both nodes").atMost(HEARD)
                    .until(() -> secondNode.invoicesOf(A).contains(2L) && seenByA.contains(new InvoiceId(2)));
            Awaitility.await("B's change heard by B's view").atMost(HEARD)
                    .until(() -> seenByB.contains(new InvoiceId(3)));
            // notifications arrive in commit order: the rolled back one would have come first
            assertThat(secondNode.invoicesOf(A)).containsExactly(2L);
            assertThat(seenByA).containsExactly(new InvoiceId(2));
            assertThat(seenByB).containsExactly(new InvoiceId(3));
            assertThat(secondNode.invoicesOf(B)).containsExactly(3L);
        } finally {
            registrationA.remove();
            registrationB.remove();
        }
    }

    @Test
    void anOrganizationChangeReachesTheOrganizationsViewsOnEveryNodeOnCommitOnly() {
        var secondNodeViews = new OrganizationChanges();
        var listener = new InvoiceChangeListener(dataSource, new Recorder(), secondNodeViews,
                new LiveViewProperties(Duration.ofSeconds(10), Duration.ofMillis(100)));
        listener.start();
        var heardByA = new AtomicInteger();
        var heardByB = new AtomicInteger();
        var heardHereByA = new AtomicInteger();
        var registrationA = secondNodeViews.register(A, heardByA::incrementAndGet);
        var registrationB = secondNodeViews.register(B, heardByB::incrementAndGet);
        var registrationHere = organizationChanges.register(A, heardHereByA::incrementAndGet);
        try {
            Awaitility.await("listening").atMost(HEARD).until(listener::isListening);
            transactions.executeWithoutResult(status -> {
                organizationNotifications.on(new com.merchantbilling.payments.AddOnSubscriptionChanged(A,
                        com.merchantbilling.payments.AddOn.STRIPE_CREDIT_CARD_PAYMENT, false, "rolled-back",
                        java.time.Instant.now()));
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status -> organizationNotifications.on(
                    new com.merchantbilling.payments.AddOnSubscriptionChanged(A,
                            com.merchantbilling.payments.AddOn.STRIPE_CREDIT_CARD_PAYMENT, true, "owner",
                            java.time.Instant.now())));

            Awaitility.await("heard on both nodes").atMost(HEARD)
                    .until(() -> heardByA.get() == 1 && heardHereByA.get() == 1);
            // the rolled back change came first in time: had it been sent, it would have been heard first
            assertThat(heardByA).hasValue(1);
            assertThat(heardByB).hasValue(0);
        } finally {
            registrationA.remove();
            registrationB.remove();
            registrationHere.remove();
            listener.stop();
        }
    }

    @Test
    void aTransactionWithManyChangesIsSentInPayloadsPostgreSqlAccepts() {
        var ids = LongStream.rangeClosed(1, 1000).map(i -> 1_000_000_000_000_000L + i).boxed().toList();
        transactions.executeWithoutResult(status -> ids.forEach(id ->
                notifications.on(new PaymentLinkFailed(new InvoiceId(id), A, "batch"))));

        Awaitility.await("all 1000 ids heard").atMost(HEARD).until(() -> secondNode.invoicesOf(A).size() == 1000);
        assertThat(secondNode.invoicesOf(A)).containsExactlyElementsOf(ids);
        assertThat(secondNode.changes).as("more than one notification (19 digits each do not fit in one)")
                .hasSizeGreaterThan(2);
        assertThat(InvoiceChangeNotifications.payloads(A.value(), ids))
                .allSatisfy(payload -> assertThat(payload.length()).isLessThan(8000));
    }

    @Test
    void aLostConnectionIsReopenedAndTheSubscribersAreToldTheyMayHaveMissedChanges() {
        var missedInContext = new AtomicInteger();
        var registration = updates.register(A, id -> { }, missedInContext::incrementAndGet);
        try {
            int terminated = jdbc.sql("""
                            select count(pg_terminate_backend(pid)) from pg_stat_activity
                             where application_name = :name""")
                    .param("name", InvoiceChangeListener.APPLICATION_NAME).query(Integer.class).single();
            assertThat(terminated).as("both listeners' connections").isEqualTo(2);

            Awaitility.await("both told of missed changes after reconnecting").atMost(HEARD)
                    .until(() -> secondNode.missed.get() == 1 && missedInContext.get() == 1);
            Awaitility.await("listening again").atMost(HEARD)
                    .until(() -> secondListener.isListening() && contextListener.isListening());
            transactions.executeWithoutResult(status ->
                    notifications.on(new PaymentLinkFailed(new InvoiceId(42), A, "after reconnect")));
            Awaitility.await("a change after the reconnect heard").atMost(HEARD)
                    .until(() -> secondNode.invoicesOf(A).contains(42L));
        } finally {
            registration.remove();
        }
    }

    /** A node's subscribers, as seen from outside. */
    static final class Recorder implements InvoiceChangeSubscribers {

        record Change(OrganizationId organization, List<Long> invoices) {
        }

        final List<Change> changes = new CopyOnWriteArrayList<>();
        final AtomicInteger missed = new AtomicInteger();

        @Override
        public void changed(OrganizationId organization, Collection<InvoiceId> invoices) {
            changes.add(new Change(organization, invoices.stream().map(InvoiceId::value).toList()));
        }

        @Override
        public void missedChanges() {
            missed.incrementAndGet();
        }

        List<Long> invoicesOf(OrganizationId organization) {
            return changes.stream().filter(c -> c.organization().equals(organization))
                    .flatMap(c -> c.invoices().stream()).toList();
        }
    }
}
