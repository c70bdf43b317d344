package com.merchantbilling.invoicing.events;

import java.time.Instant;

import org.jmolecules.event.annotation.DomainEvent;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Something happened to an invoice's payment that changed its flags: a payment that differs from the bill, a
 * refund, a dispute, a declined attempt. Published once per change: a redelivered or stale Stripe report that
 * changes nothing publishes nothing.
 *
 * @param detail        amounts and Stripe's words, for the audit trail
 * @param stripeObject  the Stripe object reported (session, refund, dispute, payment intent), if any
 * @param stripeEventId the webhook event; null when reconciliation found it
 */
@DomainEvent
public record PaymentActivityRecorded(InvoiceId invoiceId, OrganizationId organizationId, PaymentActivity activity,
        Instant occurredAt, String detail, String stripeObject, String stripeEventId) {
}
