package com.merchantbilling.invoicing;

import java.util.Collection;

import com.merchantbilling.organizations.OrganizationId;

/** Asking for online payment links for a selection of an organization's invoices. */
public interface PaymentLinkRequests {

    /** The most invoices one bulk action may cover. */
    int MAX_INVOICES = 100;

    /** Which of the selected invoices would get a link, and why the others would not. */
    PaymentLinkTargets targets(OrganizationId organization, Collection<InvoiceId> selection);

    /**
     * Marks every eligible selected invoice as requested and publishes one {@link PaymentLinkRequested}
     * each. Eligibility is checked and claimed in one statement, so two users pressing Create at the same
     * moment get one request per invoice between them.
     *
     * @throws TooManyInvoicesSelectedException for more than {@link #MAX_INVOICES} invoices
     */
    PaymentLinkRequestResult request(OrganizationId organization, Collection<InvoiceId> selection, String requestedBy);
}
