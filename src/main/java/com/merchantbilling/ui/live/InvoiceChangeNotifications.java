package com.merchantbilling.ui.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.merchantbilling.invoicing.events.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.events.InvoicePaid;
import com.merchantbilling.invoicing.events.OrphanPaymentLinkDeactivated;
import com.merchantbilling.invoicing.events.PaymentActivityRecorded;
import com.merchantbilling.invoicing.events.PaymentLinkCreated;
import com.merchantbilling.invoicing.events.PaymentLinkFailed;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Turns invoicing's online payment events into a PostgreSQL {@code NOTIFY} on {@link #CHANNEL}, sent in the
 * transaction of the change, so every node's {@link InvoiceChangeListener} hears of it when, and only when, it
 * commits (PostgreSQL delivers notifications on commit and drops them on rollback). The payload carries ids
 * only: {@code <organization>:<invoice>,<invoice>,...}; buyer names or amounts never leave the transaction.
 * <p>
 * Plain {@code @EventListener}s, not transactional ones, for the reason {@code OnlinePaymentUpdates} gives
 * (a Modulith publication per change and the pool deadlock it caused). The ids of one transaction are
 * collected and sent just before its commit, one {@code pg_notify} per organization and chunk, on the
 * transaction's own connection.
 */
@Component
class InvoiceChangeNotifications {

    static final String CHANNEL = "merchant_billing_invoice_changes";
    /** PostgreSQL refuses payloads of 8000 bytes or more; ids are ASCII digits, so characters are bytes. */
    static final int MAX_PAYLOAD = 7900;

    private final JdbcClient jdbc;

    InvoiceChangeNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(PaymentLinkCreated created) {
        changed(created.organizationId(), created.invoiceId());
    }

    @EventListener
    void on(PaymentLinkFailed failed) {
        changed(failed.organizationId(), failed.invoiceId());
    }

    @EventListener
    void on(InvoicePaid paid) {
        changed(paid.organizationId(), paid.invoiceId());
    }

    @EventListener
    void on(AdditionalPaymentReceived payment) {
        changed(payment.organizationId(), payment.invoiceId());
    }

    @EventListener
    void on(PaymentActivityRecorded activity) {
        changed(activity.organizationId(), activity.invoiceId());
    }

    @EventListener
    void on(OrphanPaymentLinkDeactivated deactivated) {
        changed(deactivated.organizationId(), deactivated.invoiceId());
    }

    private void changed(OrganizationId organization, InvoiceId invoice) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // no transaction: the change is committed already, and so is this notification (auto-commit)
            send(organization.value(), List.of(invoice.value()));
            return;
        }
        var pending = (Pending) TransactionSynchronizationManager.getResource(Pending.KEY);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(Pending.KEY, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.ids.computeIfAbsent(organization.value(), org -> new LinkedHashSet<>()).add(invoice.value());
    }

    private void send(long organization, Collection<Long> invoices) {
        for (String payload : payloads(organization, invoices)) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query((rs, n) -> 1).list();
        }
    }

    /** {@code 12:1,2,3}, split so that no payload exceeds {@link #MAX_PAYLOAD}. */
    static List<String> payloads(long organization, Collection<Long> invoices) {
        var payloads = new ArrayList<String>();
        String prefix = organization + ":";
        var current = new StringBuilder(prefix);
        for (long invoice : invoices) {
            String id = Long.toString(invoice);
            if (current.length() > prefix.length() && current.length() + 1 + id.length() > MAX_PAYLOAD) {
                payloads.add(current.toString());
                current = new StringBuilder(prefix);
            }
            if (current.length() > prefix.length()) {
                current.append(',');
            }
            current.append(id);
        }
        if (current.length() > prefix.length()) {
            payloads.add(current.toString());
        }
        return payloads;
    }

    /** The ids changed in one transaction, by organization; sent before its commit, on its connection. */
    private final class Pending implements TransactionSynchronization {

        static final Object KEY = new Object();
        final Map<Long, Set<Long>> ids = new TreeMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            ids.forEach(InvoiceChangeNotifications.this::send);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
    }
}
