package com.merchantbilling.invoicing;

import java.time.Instant;
import java.util.Optional;

/**
 * One thing that happened to an invoice's online payment.
 *
 * @param actor             the user who asked, or "Stripe"
 * @param paymentLinkId     the Stripe payment link, once created
 * @param checkoutSessionId the Stripe Checkout Session that paid
 * @param stripeEventId     the Stripe webhook event that reported it
 * @param detail            a failure's reason, an amount paid
 */
public record AuditEntry(Instant occurredAt, AuditAction action, String actor, Optional<String> paymentLinkId,
        Optional<String> checkoutSessionId, Optional<String> stripeEventId, Optional<String> detail) {
}
