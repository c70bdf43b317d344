package com.merchantbilling.payments.internal.checkout;

import com.merchantbilling.invoicing.onlinepayments.PaymentOutcome;

/** What a completed Checkout Session did; stored with the webhook event for whoever investigates later. */
public enum CheckoutOutcome {

    PAID,
    /** Paid more than billed: Paid, flagged. */
    PAID_AMOUNT_DIFFERS,
    /** Paid less or in another currency: kept, not Paid, "Payment differs: review". */
    PAYMENT_DIFFERS,
    ADDITIONAL_PAYMENT,
    ALREADY_RECORDED,
    NOT_PAYABLE,
    /** Completed, but the money has not arrived yet (delayed payment methods): async_payment_succeeded follows. */
    IGNORED_NOT_PAID,
    /**
     * Not one of our recorded payment links, nor (in the crash window) a link Stripe returns with our
     * metadata for an invoice waiting for its link: another integration, another deployment, or metadata alone.
     */
    IGNORED_UNKNOWN_LINK,
    /** The session's connected account is not the invoice's organization's. */
    IGNORED_WRONG_ACCOUNT,
    /** Missing id, amount or a currency we cannot read. */
    IGNORED_UNREADABLE;

    static CheckoutOutcome of(PaymentOutcome outcome) {
        return switch (outcome) {
            case PAID -> PAID;
            case PAID_AMOUNT_DIFFERS -> PAID_AMOUNT_DIFFERS;
            case PAYMENT_DIFFERS -> PAYMENT_DIFFERS;
            case ADDITIONAL_PAYMENT -> ADDITIONAL_PAYMENT;
            case ALREADY_RECORDED -> ALREADY_RECORDED;
            case NOT_PAYABLE -> NOT_PAYABLE;
        };
    }
}
