package com.merchantbilling.stripesandbox;

/**
 * What happened to one checkout attempt.
 *
 * @param session the completed session when {@link Outcome#PAID}, else null
 * @param message what the buyer is told
 */
public record CheckoutResult(Outcome outcome, String message, SandboxCheckoutSession session) {

    public enum Outcome {
        PAID, DECLINED, INVALID_CARD, LINK_INACTIVE, NO_SUCH_LINK
    }

    public boolean paid() {
        return outcome == Outcome.PAID;
    }
}
