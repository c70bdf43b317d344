package com.merchantbilling.invoicing;

import com.merchantbilling.organizations.OrganizationId;

/**
 * A link Stripe created for an invoice that already had another link recorded (the answer of an uncertain or
 * stale attempt) was deactivated at Stripe. The merchant never saw it; their own link is untouched.
 */
public record OrphanPaymentLinkDeactivated(InvoiceId invoiceId, OrganizationId organizationId,
        String paymentLinkId, int attempt) {
}
