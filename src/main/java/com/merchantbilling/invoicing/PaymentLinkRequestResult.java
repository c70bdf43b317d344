package com.merchantbilling.invoicing;

import java.util.List;

/**
 * What a request for payment links did.
 *
 * @param requested invoices now being given a link (one {@link PaymentLinkRequested} event each)
 * @param skipped   invoices that were not eligible at the moment of the request
 * @param notFound  ids that are not invoices of the organization
 */
public record PaymentLinkRequestResult(List<InvoiceId> requested, List<IneligibleInvoice> skipped,
        List<InvoiceId> notFound) {
}
