package com.merchantbilling.ui.billing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.merchantbilling.invoicing.events.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.events.InvoicePaid;
import com.merchantbilling.invoicing.events.PaymentLinkCreated;
import com.merchantbilling.invoicing.events.PaymentLinkFailed;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.shared.Registration;

/**
 * Tells the open Billing Invoices views of an organization that an invoice's online payment changed,
 * after the change is committed, so they can show it without a reload (server push).
 * <p>
 * Plain listeners with their own after-commit hook, deliberately not {@code @TransactionalEventListener}:
 * Spring Modulith records a publication for every transactional listener and marks it complete in a new
 * transaction from the committing thread, which still holds its first connection. With more link creations
 * in flight than pool connections, all connections were held by threads waiting for a second one and the
 * pool deadlocked (ConnectionPoolDeadlockTest). A live refresh needs no durable delivery: a view that
 * misses one reads the state back anyway.
 */
@Component
public class OnlinePaymentUpdates {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OnlinePaymentUpdates.class);

    private final Map<OrganizationId, Set<Consumer<InvoiceId>>> listeners = new ConcurrentHashMap<>();

    /** The listener runs on the publishing thread: it must hand over to its UI with {@code UI.access}. */
    public Registration register(OrganizationId organization, Consumer<InvoiceId> listener) {
        listeners.computeIfAbsent(organization, org -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(organization, (org, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    @EventListener
    void on(PaymentLinkCreated created) {
        afterCommit(created.organizationId(), created.invoiceId());
    }

    @EventListener
    void on(PaymentLinkFailed failed) {
        afterCommit(failed.organizationId(), failed.invoiceId());
    }

    @EventListener
    void on(InvoicePaid paid) {
        afterCommit(paid.organizationId(), paid.invoiceId());
    }

    @EventListener
    void on(AdditionalPaymentReceived payment) {
        afterCommit(payment.organizationId(), payment.invoiceId());
    }

    /** Views re-read the invoice: before the commit they would still see the old state, after a rollback none. */
    private void afterCommit(OrganizationId organization, InvoiceId invoice) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            notify(organization, invoice);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                OnlinePaymentUpdates.this.notify(organization, invoice);
            }
        });
    }

    void notify(OrganizationId organization, InvoiceId invoice) {
        log.debug("Online payment of invoice {} changed; {} open views of organization {}", invoice,
                listeners.getOrDefault(organization, Set.of()).size(), organization);
        listeners.getOrDefault(organization, Set.of()).forEach(listener -> listener.accept(invoice));
    }
}
