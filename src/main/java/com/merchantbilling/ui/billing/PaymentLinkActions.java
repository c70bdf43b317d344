package com.merchantbilling.ui.billing;

import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.OrganizationId;
import com.vaadin.flow.spring.annotation.SpringComponent;

/** Bulk Action > Create Payment Link: the dialog, wired to the invoicing module's payment link requests. */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
class PaymentLinkActions {

    private final OrganizationId organization;
    private final String requestedBy;
    private final PaymentLinkRequests requests;
    private final BillingInvoices invoices;
    private final OnlinePaymentUpdates updates;

    PaymentLinkActions(CurrentMerchant merchant, PaymentLinkRequests requests, BillingInvoices invoices,
            OnlinePaymentUpdates updates) {
        this.organization = merchant.organization();
        this.requestedBy = merchant.username();
        this.requests = requests;
        this.invoices = invoices;
        this.updates = updates;
    }

    /** {@code onChange} gets the invoices whose links were requested, to redraw their rows. */
    void open(Set<InvoiceId> selection, Consumer<Collection<InvoiceId>> onChange) {
        new CreatePaymentLinksDialog(organization, requestedBy, selection, requests, invoices, updates, onChange).open();
    }
}
