package com.merchantbilling.payments.internal.checkout;

import com.merchantbilling.invoicing.PaymentOutcome;

/** What a completed Checkout Session did; stored with the webhook event for whoever investigates later. */
public enum CheckoutOutcome {

    PAID,
    PAID_AMOUNT_DIFFERS,
    ADDITIONAL_PAYMENT,
    ALREADY_RECORDED,
    NOT_PAYABLE,
    /** Completed, but the money has not arrived yet (delayed payment methods): async_payment_succeeded follows. */
    IGNORED_NOT_PAID,
    /** Not one of our payment links: another integration on the same Stripe account. */
    IGNORED_UNKNOWN_LINK,
    /** The session's connected account is not the invoice's organization's. */
    IGNORED_WRONG_ACCOUNT,
    /** Missing id, amount or a currency we cannot read. */
    IGNORED_UNREADABLE;

    static CheckoutOutcome of(PaymentOutcome outcome) {
        return switch (outcome) {
            case PAID -> PAID;
            case PAID_AMOUNT_DIFFERS -> PAID_AMOUNT_DIFFERS;
            case ADDITIONAL_PAYMENT -> ADDITIONAL_PAYMENT;
            case ALREADY_RECORDED -> ALREADY_RECORDED;
            case NOT_PAYABLE -> NOT_PAYABLE;
        };
    }
}
