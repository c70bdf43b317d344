package com.merchantbilling.invoicing.onlinepayments;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.merchantbilling.invoicing.Money;

/**
 * A payment Stripe reports for an invoice.
 *
 * @param checkoutSessionId the Checkout Session that took the money: one session is one payment, however
 *                          often it is reported
 * @param paymentLinkId     the payment link the session was opened from, if any
 * @param amount            what the buyer paid, in the invoice's terms (minor units and currency)
 * @param stripeEventId     the webhook event that reported it; empty when reconciliation found it
 * @param paymentIntentId   the session's payment intent: refunds and disputes name it and find the payment by it
 */
public record ReceivedPayment(String checkoutSessionId, Optional<String> paymentLinkId, Money amount,
        Instant paidAt, Optional<String> stripeEventId, Optional<String> paymentIntentId) {

    public ReceivedPayment {
        if (checkoutSessionId == null || checkoutSessionId.isBlank()) {
            throw new IllegalArgumentException("A received payment names its Checkout Session");
        }
        Objects.requireNonNull(paymentLinkId, "paymentLinkId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(stripeEventId, "stripeEventId");
        Objects.requireNonNull(paymentIntentId, "paymentIntentId");
    }
}
