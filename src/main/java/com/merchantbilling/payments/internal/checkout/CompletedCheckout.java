package com.merchantbilling.payments.internal.checkout;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.stripe.model.checkout.Session;

/**
 * A completed Checkout Session as both the webhook and reconciliation report it: the one shape the payment
 * is applied from, so both paths decide alike.
 *
 * @param account       the connected account the session belongs to; empty for the platform account
 * @param invoiceId     our invoice id from the session's metadata (copied there from the payment link)
 * @param amountTotal   what the buyer paid in the currency the invoice was billed in, Stripe's units
 * @param stripeEventId the webhook event; empty when reconciliation found the session
 */
public record CompletedCheckout(String sessionId, Optional<String> paymentLinkId, Optional<String> invoiceId,
        String paymentStatus, Long amountTotal, String currency, Optional<String> account, Instant paidAt,
        Optional<String> stripeEventId) {

    static final String INVOICE_ID_METADATA = "invoice_id";

    public CompletedCheckout {
        Objects.requireNonNull(paymentLinkId, "paymentLinkId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(paidAt, "paidAt");
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
        Map<String, String> metadata = session.getMetadata() == null ? Map.of() : session.getMetadata();
        return new CompletedCheckout(session.getId(), Optional.ofNullable(session.getPaymentLink()),
                Optional.ofNullable(metadata.get(INVOICE_ID_METADATA)), session.getPaymentStatus(), amount, currency,
                account.filter(id -> !id.isBlank()), paidAt, stripeEventId);
    }

    public boolean paid() {
        return "paid".equals(paymentStatus);
    }
}
