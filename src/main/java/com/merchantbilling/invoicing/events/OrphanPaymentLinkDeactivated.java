package com.merchantbilling.invoicing.events;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/**
 * A link Stripe created for an invoice that already had another link recorded (the answer of an uncertain or
 * stale attempt) was deactivated at Stripe. The merchant never saw it; their own link is untouched.
 */
@DomainEvent
public record OrphanPaymentLinkDeactivated(InvoiceId invoiceId, OrganizationId organizationId,
        String paymentLinkId, int attempt) {
}
