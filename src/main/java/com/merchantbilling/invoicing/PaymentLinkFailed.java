package com.merchantbilling.invoicing;

import com.merchantbilling.organizations.OrganizationId;

/** Stripe would not create an invoice's payment link; the merchant may try again. */
public record PaymentLinkFailed(InvoiceId invoiceId, OrganizationId organizationId, String reason) {
}
