package com.merchantbilling.invoicing;

import java.time.Instant;

import com.merchantbilling.organizations.OrganizationId;

/**
 * An invoice needs an online payment link.
 *
 * @param attempt counts the requests for this invoice: a redelivered event keeps its attempt, a retry
 *                after a failure gets the next one
 */
public record PaymentLinkRequested(InvoiceId invoiceId, OrganizationId organizationId, String invoiceNumber,
        String buyerName, Money billingAmount, int attempt, String requestedBy, Instant requestedAt) {
}
