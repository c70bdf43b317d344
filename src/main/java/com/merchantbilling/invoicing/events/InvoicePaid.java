package com.merchantbilling.invoicing.events;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.organizations.OrganizationId;

/**
 * An invoice became Paid. Published once per invoice: a Paid invoice never goes back.
 *
 * @param amountDiffers the paid amount or currency is not what the invoice bills; the merchant should look
 * @param stripeEventId the webhook event that reported the payment; null when reconciliation found it
 */
@DomainEvent
public record InvoicePaid(InvoiceId invoiceId, OrganizationId organizationId, Money paidAmount, Instant paidAt,
        String checkoutSessionId, boolean amountDiffers, String stripeEventId) {
}
