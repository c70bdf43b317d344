package com.merchantbilling.payments.internal.webhook;

/**
 * A verified Stripe event was stored and waits to be processed. Only the id travels: the payload is in
 * the stripe_webhook_events row written in the same transaction.
 */
record StripeEventReceived(String eventId) {
}
