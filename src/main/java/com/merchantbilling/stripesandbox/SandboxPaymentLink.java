package com.merchantbilling.stripesandbox;

import java.util.List;
import java.util.Map;

/**
 * A payment link as the sandbox keeps it. {@code otherParameters} are the create parameters the sandbox does
 * not model (after_completion, payment_intent_data, ...), echoed back in the payment link object the way
 * Stripe returns them.
 *
 * @param stripeAccount the connected account from the {@code Stripe-Account} header, or null
 * @param created epoch seconds; the sandbox's own, for listing newest first: Stripe's payment link object has no
 *            {@code created} (see {@code StripeObjects#paymentLink})
 * @param completedSessionsLimit restrictions.completed_sessions.limit, or null for no limit
 */
public record SandboxPaymentLink(String id, String stripeAccount, long created, boolean active, String currency,
        List<LineItem> lineItems, Map<String, String> metadata, List<String> paymentMethodTypes,
        Long completedSessionsLimit, long completedSessionsCount, Map<String, Object> otherParameters) {

    public SandboxPaymentLink {
        lineItems = List.copyOf(lineItems);
        metadata = Map.copyOf(metadata);
        paymentMethodTypes = paymentMethodTypes == null ? null : List.copyOf(paymentMethodTypes);
        otherParameters = Map.copyOf(otherParameters);
    }

    /** One line of a link; the price and product are made up on creation, like Stripe does for price_data. */
    public record LineItem(String id, String priceId, String productId, String productName, long unitAmount,
            long quantity) {

        public long amountTotal() {
            return Math.multiplyExact(unitAmount, quantity);
        }
    }

    /** In the currency's minor units (yen for JPY, cents for USD). */
    public long amountTotal() {
        return lineItems.stream().mapToLong(LineItem::amountTotal).reduce(0, Math::addExact);
    }

    public String productName() {
        return lineItems.stream().map(LineItem::productName).reduce((a, b) -> a + ", " + b).orElse("");
    }

    public SandboxPaymentLink withCompletedSession() {
        long count = completedSessionsCount + 1;
        boolean stillActive = active && (completedSessionsLimit == null || count < completedSessionsLimit);
        return new SandboxPaymentLink(id, stripeAccount, created, stillActive, currency, lineItems, metadata,
                paymentMethodTypes, completedSessionsLimit, count, otherParameters);
    }

    public SandboxPaymentLink withActive(boolean newActive) {
        return new SandboxPaymentLink(id, stripeAccount, created, newActive, currency, lineItems, metadata,
                paymentMethodTypes, completedSessionsLimit, completedSessionsCount, otherParameters);
    }
}
