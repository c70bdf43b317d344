package com.merchantbilling.invoicing;

import java.time.Instant;
import java.util.List;
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

    /**
     * Records a payment Stripe reported. The invoice becomes Paid (also straight from Creating Link or
     * Link Failed, when Stripe's report overtakes the recording of the link) and never goes back. The same
     * Checkout Session reported again changes nothing; a further session for a Paid invoice is kept and
     * flagged; an amount or currency other than the bill is kept and flagged.
     *
     * @throws IllegalArgumentException when there is no such invoice
     */
    PaymentOutcome recordPayment(InvoiceId invoice, ReceivedPayment payment);

    /**
     * Invoices waiting for payment whose link was recorded before the given moment, in id order after
     * {@code after}: the candidates for asking Stripe about a payment whose webhook never arrived.
     */
    List<BillingInvoiceReference> findPendingPayment(Instant linkCreatedBefore, Optional<InvoiceId> after,
            int limit);
}
