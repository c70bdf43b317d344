package com.merchantbilling.payments;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;

/**
 * What reconciling an invoice found.
 *
 * @param completedSessions completed Checkout Sessions Stripe reports for the invoice's link (0 without a link)
 * @param paymentsRecorded  of those, the ones recorded now: the webhook had not delivered them
 * @param onlinePayment     the invoice's status afterwards
 */
public record ReconciliationResult(InvoiceId invoice, int completedSessions, int paymentsRecorded,
        OnlinePaymentStatus onlinePayment) {
}
