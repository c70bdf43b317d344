package com.merchantbilling.invoicing.events;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.organizations.OrganizationId;

/**
 * A buyer paid an invoice that was Paid already: the money is recorded and the merchant has to act.
 *
 * @param stripeEventId the webhook event that reported the payment; null when reconciliation found it
 */
@DomainEvent
public record AdditionalPaymentReceived(InvoiceId invoiceId, OrganizationId organizationId, Money amount,
        String checkoutSessionId, String stripeEventId) {
}
