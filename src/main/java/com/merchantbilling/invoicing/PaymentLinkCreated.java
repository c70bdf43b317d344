package com.merchantbilling.invoicing;

import com.merchantbilling.organizations.OrganizationId;

/** An invoice got its payment link and now waits for the buyer to pay. */
public record PaymentLinkCreated(InvoiceId invoiceId, OrganizationId organizationId, String paymentLinkId,
        String paymentLinkUrl) {
}
