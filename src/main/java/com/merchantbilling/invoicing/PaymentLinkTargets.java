package com.merchantbilling.invoicing;

import java.util.List;

/**
 * The selected invoices split for the "Create Invoice Online Payment Links" dialog.
 *
 * @param notFound selected ids that are not (or no longer) invoices of the organization
 */
public record PaymentLinkTargets(List<BillingInvoice> eligible, List<IneligibleInvoice> ineligible,
        List<InvoiceId> notFound) {
}
