package com.merchantbilling.invoicing.onlinepayments;

/** What recording a received payment did to the invoice. */
public enum PaymentOutcome {

    /** The invoice became Paid with the billed amount. */
    PAID,
    /** The invoice became Paid with more than the bill: flagged (Overpaid) for the merchant. */
    PAID_AMOUNT_DIFFERS,
    /**
     * Less than the bill, or another currency: kept, but the invoice is not Paid; it is flagged "Payment
     * differs" for the merchant to review.
     */
    PAYMENT_DIFFERS,
    /** The invoice was Paid already: the payment is kept and flagged, the invoice stays Paid. */
    ADDITIONAL_PAYMENT,
    /** This Checkout Session was recorded before: nothing changed. */
    ALREADY_RECORDED,
    /** No payment link was ever requested for the invoice, so no payment can be for it: nothing changed. */
    NOT_PAYABLE;

    /** True when the payment was stored by this call. */
    public boolean recorded() {
        return this == PAID || this == PAID_AMOUNT_DIFFERS || this == PAYMENT_DIFFERS || this == ADDITIONAL_PAYMENT;
    }
}
