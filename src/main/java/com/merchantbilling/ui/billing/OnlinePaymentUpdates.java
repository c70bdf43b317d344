package com.merchantbilling.ui.billing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

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

    @TransactionalEventListener
    void on(PaymentLinkCreated created) {
        notify(created.organizationId(), created.invoiceId());
    }

    @TransactionalEventListener
    void on(PaymentLinkFailed failed) {
        notify(failed.organizationId(), failed.invoiceId());
    }

    @TransactionalEventListener
    void on(InvoicePaid paid) {
        notify(paid.organizationId(), paid.invoiceId());
    }

    @TransactionalEventListener
    void on(AdditionalPaymentReceived payment) {
        notify(payment.organizationId(), payment.invoiceId());
    }

    void notify(OrganizationId organization, InvoiceId invoice) {
        log.debug("Online payment of invoice {} changed; {} open views of organization {}", invoice,
                listeners.getOrDefault(organization, Set.of()).size(), organization);
        listeners.getOrDefault(organization, Set.of()).forEach(listener -> listener.accept(invoice));
    }
}
