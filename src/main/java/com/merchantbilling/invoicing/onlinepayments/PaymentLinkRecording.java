package com.merchantbilling.invoicing.onlinepayments;

/** What recording a payment link request's answer did to the invoice. */
public enum PaymentLinkRecording {
    /** The answer was taken: the invoice has this link now, or failed with this reason. */
    RECORDED,
    /** The same link was recorded before (a redelivered answer): nothing changed. */
    ALREADY_RECORDED,
    /**
     * The invoice has another link: this one was never shown to the merchant and is an orphan the caller
     * deactivates at Stripe, so that an invoice never has two payable links.
     */
    ANOTHER_LINK_RECORDED,
    /** The answer belongs to an attempt the invoice has moved past (or has no link request any more): ignored. */
    STALE
}
