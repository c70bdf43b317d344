package com.merchantbilling.invoicing.internal;

/** Where an invoice's payments stand with refunds and disputes, as stored beside its status (V15). */
public final class ChargeStates {

    private ChargeStates() {
    }

    /** What the refunds of the invoice's payments add up to. */
    public enum RefundState {
        /** Some money went back. */
        PARTIAL,
        /** Every payment was refunded in full. */
        FULL
    }

    /**
     * The worst dispute of the invoice's payments. Stripe's statuses (API reference, "The Dispute object"):
     * warning_needs_response, warning_under_review, needs_response, under_review are open; won, lost,
     * warning_closed and prevented are closed, of which only won and lost are a decision about the money.
     */
    public enum DisputeState {
        OPEN, WON, LOST
    }
}
