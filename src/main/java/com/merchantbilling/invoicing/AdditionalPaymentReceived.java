package com.merchantbilling.invoicing;

import com.merchantbilling.organizations.OrganizationId;

/**
 * A buyer paid an invoice that was Paid already: the money is recorded and the merchant has to act.
 *
 * @param stripeEventId the webhook event that reported the payment; null when reconciliation found it
 */
public record AdditionalPaymentReceived(InvoiceId invoiceId, OrganizationId organizationId, Money amount,
        String checkoutSessionId, String stripeEventId) {
}
