package com.merchantbilling.invoicing;

import java.util.List;
import java.util.Optional;

import com.merchantbilling.organizations.OrganizationId;

/**
 * The invoicing module's API for the Billing Invoices list. Every method is scoped to one
 * organization: an invoice of another organization does not exist for the caller.
 */
public interface BillingInvoices {

    /** How many invoices match the filter (invoice number or buyer text; blank matches all). */
    long count(OrganizationId organization, String filter);

    List<BillingInvoice> page(OrganizationId organization, String filter, InvoiceSort sort, long offset, int limit);

    Optional<BillingInvoice> find(OrganizationId organization, InvoiceId invoice);

    List<BillingInvoice> findAll(OrganizationId organization, java.util.Collection<InvoiceId> invoices);

    InvoiceId issue(OrganizationId organization, NewInvoice invoice);
}
