package com.merchantbilling.stripesandbox;

import java.util.Map;

/**
 * A completed checkout of a payment link. The sandbox only keeps completed, paid sessions: open and expired
 * sessions never matter to the application.
 *
 * @param created epoch seconds
 */
public record SandboxCheckoutSession(String id, String paymentLinkId, String stripeAccount, long created,
        long amountTotal, String currency, String customerEmail, String paymentIntentId,
        Map<String, String> metadata) {

    public SandboxCheckoutSession {
        metadata = Map.copyOf(metadata);
    }
}
