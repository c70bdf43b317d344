package com.merchantbilling.payments;

/** Stripe could not be asked about an invoice's payments; the message is fit to show a merchant. */
public class PaymentReconciliationException extends RuntimeException {

    public PaymentReconciliationException(String message, Throwable cause) {
        super(message, cause);
    }
}
