package com.merchantbilling.ui.billing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.merchantbilling.invoicing.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoicePaid;
import com.merchantbilling.invoicing.PaymentLinkCreated;
import com.merchantbilling.invoicing.PaymentLinkFailed;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.shared.Registration;

/**
 * Tells the open Billing Invoices views of an organization that an invoice's online payment changed,
 * after the change is committed, so they can show it without a reload (server push).
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

    /**
     * Plain listeners plus an after-commit callback rather than {@code @TransactionalEventListener}: Spring
     * Modulith stores a publication for every transactional listener and marks it completed in a second
     * transaction while the publishing one still holds its connection. A burst of 100 link creations then
     * had every pooled connection held by a thread waiting for another one (Hikari timed out after 30 s,
     * links stayed unrecorded). A push to open views needs no durability: a view opened later reads the row.
     */
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
