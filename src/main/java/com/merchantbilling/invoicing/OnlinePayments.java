package com.merchantbilling.invoicing;

import java.util.Optional;

/**
 * What the payments module tells invoicing about an invoice's online payment. Invoices are found by id
 * alone here: these calls come from Stripe's side, which knows our invoice ids and link ids only.
 */
public interface OnlinePayments {

    /** The invoice's request as it stands now: its organization, amount and status, if it exists. */
    Optional<BillingInvoiceReference> find(InvoiceId invoice);

    /**
     * Records the link Stripe created: the invoice becomes Pending Payment. Recording the same link again
     * changes nothing; a different link for an invoice that has one is refused.
     */
    void recordPaymentLink(InvoiceId invoice, String paymentLinkId, String paymentLinkUrl);

    /** Records why Stripe refused the link; ignored if the invoice has a link by now. */
    void recordPaymentLinkFailure(InvoiceId invoice, String reason);

    /** The invoice a Stripe payment link belongs to, if it is one of ours. */
    Optional<BillingInvoiceReference> findByPaymentLink(String paymentLinkId);
}
