package com.merchantbilling.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.test.context.TestPropertySource;

import com.merchantbilling.invoicing.InvoiceExports;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.support.StripeEvents;
import com.merchantbilling.support.StripeEvents.CheckoutSession;

/**
 * Issue 15: twenty CSV downloads whose clients read one byte a second, on a pool of five connections, while a
 * Stripe webhook arrives and a merchant loads a grid page. Until the export read in chunks it held a connection
 * (a cursor in a transaction) for as long as its client took: five slow downloads emptied this pool, the other
 * fifteen timed out waiting for one, and so did the webhook and the page. Each client is a pipe of 1 KB read
 * one byte a second, so the export blocks in its writes the way it blocks on a slow socket.
 */
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=5",
        // long enough for twenty exports' chunk reads queueing for five connections on a loaded machine; the old
        // export held its five for good, and the others, the webhook and the grid waited this long and failed
        "spring.datasource.hikari.connection-timeout=10000"})
class SlowExportsIntegrationTests extends WebhookTestSupport {

    static final int DOWNLOADS = 20;
    /** Several chunks of the export (1,000 rows each), and many times what a client's pipe holds. */
    static final int INVOICES = 2_500;

    @Autowired
    InvoiceExports exports;

    @Test
    void twentySlowDownloadsLeaveTheWebhookAndTheGridTheirConnections() throws Exception {
        var organization = organization("Slow exports", Optional.empty());
        jdbc.sql("""
                        insert into invoices (organization_id, invoice_number, buyer_name, issue_date, due_date,
                                              billing_amount, currency)
                        select :org, 'S-' || lpad(i::text, 5, '0'), 'Slow Buyer ' || i, date '2026-01-01' + (i % 300),
                               date '2026-02-01' + (i % 300), 1000 + i, 'JPY'
                          from generate_series(1, :n) as i""")
                .param("org", organization.value()).param("n", INVOICES).update();
        var invoice = pendingInvoice(organization, "JPY");

        var clients = new ArrayList<SlowClient>();
        List<Future<Long>> downloads = new ArrayList<>();
        // the downloads run as this test's Owner (the export checks the caller's role)
        try (var writers = new DelegatingSecurityContextExecutorService(Executors.newFixedThreadPool(DOWNLOADS));
                ScheduledExecutorService reading = Executors.newScheduledThreadPool(2)) {
            for (int i = 0; i < DOWNLOADS; i++) {
                var client = new SlowClient();
                clients.add(client);
                reading.scheduleAtFixedRate(client::readOne, 0, 1, TimeUnit.SECONDS);
                downloads.add(writers.submit(() -> {
                    try (var out = client.serverSide) {
                        return exports.export(organization, "", OnlinePaymentFilter.ALL, InvoiceSort.DEFAULT, out);
                    }
                }));
            }
            // every download under way: its client got bytes and its pipe is full, the export waits on it
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var download : downloads) {
                    if (download.isDone()) {
                        download.get(); // a download that failed (no connection): its exception fails the test
                    }
                }
                return clients.stream().allMatch(client -> client.read.get() > 0 && client.full());
            });
            assertThat(downloads).noneMatch(Future::isDone);

            var payload = StripeEvents.completed(new CheckoutSession(invoice.paymentLinkId(), 1000, "jpy"));
            var response = deliver(payload);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            awaitOutcome(payload, "PAID");
            // the grid's read of page 1 (the page, the total and the option counts), as the tab makes it
            var page = invoices.countedPageAfter(organization, "", OnlinePaymentFilter.ALL, InvoiceSort.DEFAULT,
                    Optional.empty(), 100);
            assertThat(page.rows()).hasSize(100);
            assertThat(page.total()).isEqualTo(INVOICES + 1);
            assertThat(invoice(organization, invoice.id()).onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
            // the slow clients are still reading
            assertThat(downloads).noneMatch(Future::isDone);

            // each drain holds its client from now on: the one-byte reads stop
            for (var client : clients) {
                Thread.ofVirtual().start(client::drain);
            }
            for (int i = 0; i < DOWNLOADS; i++) {
                assertThat(downloads.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(INVOICES + 1);
                var client = clients.get(i);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(client::finished);
                // header + every invoice once
                assertThat(client.lines()).isEqualTo(1 + INVOICES + 1);
            }
        }
    }

    /** A download's client: reads one byte a second (never blocking its timer), or everything when drained. */
    static final class SlowClient {

        final PipedInputStream clientSide = new PipedInputStream(1024);
        final PipedOutputStream serverSide;
        final AtomicLong read = new AtomicLong();
        final AtomicLong newlines = new AtomicLong();
        final AtomicBoolean done = new AtomicBoolean();

        SlowClient() {
            try {
                serverSide = new PipedOutputStream(clientSide);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void readOne() {
            try {
                if (!done.get() && clientSide.available() > 0) {
                    count(clientSide.read());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the rest, until the export closes the stream. */
        synchronized void drain() {
            try {
                var buffer = new byte[8192];
                for (int n = clientSide.read(buffer); n >= 0; n = clientSide.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        count(buffer[i]);
                    }
                }
                done.set(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void count(int b) {
            read.incrementAndGet();
            if (b == '\n') {
                newlines.incrementAndGet();
            }
        }

        /** The export cannot write more until the client reads. */
        boolean full() {
            try {
                return clientSide.available() >= 1000;
            } catch (IOException e) {
                return false;
            }
        }

        boolean finished() {
            return done.get();
        }

        /** CSV records: each ends with a line break, and no field of these invoices has one. */
        long lines() {
            return newlines.get();
        }
    }
}
