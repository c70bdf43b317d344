package com.merchantbilling.invoicing.events;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/** Stripe would not create an invoice's payment link; the merchant may try again. */
@DomainEvent
public record PaymentLinkFailed(InvoiceId invoiceId, OrganizationId organizationId, String reason) {
}
