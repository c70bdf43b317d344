package com.merchantbilling.invoicing.events;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.organizations.OrganizationId;

/**
 * An invoice needs an online payment link.
 *
 * @param attempt counts the requests for this invoice: a redelivered event keeps its attempt, a retry
 *                after a failure gets the next one
 */
@DomainEvent
public record PaymentLinkRequested(InvoiceId invoiceId, OrganizationId organizationId, String invoiceNumber,
        String buyerName, Money billingAmount, int attempt, String requestedBy, Instant requestedAt) {
}
