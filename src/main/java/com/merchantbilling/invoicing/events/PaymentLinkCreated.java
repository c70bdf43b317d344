package com.merchantbilling.invoicing.events;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/** An invoice got its payment link and now waits for the buyer to pay. */
@DomainEvent
public record PaymentLinkCreated(InvoiceId invoiceId, OrganizationId organizationId, String paymentLinkId,
        String paymentLinkUrl) {
}
