package com.merchantbilling.invoicing.onlinepayments;

/** What a report about a recorded payment (refund, dispute, failure) did. */
public enum AfterPaymentOutcome {
    /** The invoice's flags changed. */
    CHANGED,
    /** Known already, or older than what we know: nothing changed. */
    UNCHANGED,
    /** No payment we recorded has this payment intent: not ours, or not paid through us yet. */
    UNKNOWN_PAYMENT
}
