package com.merchantbilling.payments.internal.checkout;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.stripe.model.checkout.Session;

/**
 * A completed Checkout Session as both the webhook and reconciliation report it: the one shape the payment
 * is applied from, so both paths decide alike. The session's metadata is deliberately not part of it: a
 * session pays an invoice only through the payment link it was opened from (see {@link CheckoutPayments}).
 *
 * @param account         the connected account the session belongs to; empty for the platform account
 * @param amountTotal     what the buyer paid in the currency the invoice was billed in, Stripe's units
 * @param paymentIntentId the session's payment intent (mode=payment): refunds and disputes name it
 * @param stripeEventId   the webhook event; empty when reconciliation found the session
 */
public record CompletedCheckout(String sessionId, Optional<String> paymentLinkId, String paymentStatus,
        Long amountTotal, String currency, Optional<String> account, Instant paidAt, Optional<String> paymentIntentId,
        Optional<String> stripeEventId) {

    public CompletedCheckout {
        Objects.requireNonNull(paymentLinkId, "paymentLinkId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(paymentIntentId, "paymentIntentId");
        Objects.requireNonNull(stripeEventId, "stripeEventId");
    }

    public static CompletedCheckout of(Session session, Optional<String> account, Instant paidAt,
            Optional<String> stripeEventId) {
        Long amount = session.getAmountTotal();
        String currency = session.getCurrency();
        // Adaptive Pricing shows the buyer a local currency; what matters against the invoice is the source
        var conversion = session.getCurrencyConversion();
        if (conversion != null && conversion.getSourceCurrency() != null && conversion.getAmountTotal() != null) {
            amount = conversion.getAmountTotal();
            currency = conversion.getSourceCurrency();
        }
        return new CompletedCheckout(session.getId(), Optional.ofNullable(session.getPaymentLink()),
                session.getPaymentStatus(), amount, currency, account.filter(id -> !id.isBlank()), paidAt,
                Optional.ofNullable(session.getPaymentIntent()).filter(id -> !id.isBlank()), stripeEventId);
    }

    public boolean paid() {
        return "paid".equals(paymentStatus);
    }
}
