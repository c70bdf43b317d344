package com.merchantbilling.invoicing;

import java.time.Instant;

/**
 * How a Paid invoice was paid.
 *
 * @param paidAmount    what the payment that made the invoice Paid took
 * @param amountDiffers that amount (or its currency) is not the billing amount
 * @param paymentCount  payments received; more than one means the buyer paid twice
 */
public record PaidDetails(Instant paidAt, Money paidAmount, boolean amountDiffers, int paymentCount) {

    /** Something about the payment needs the merchant: a different amount, or money received twice. */
    public boolean needsAttention() {
        return amountDiffers || paymentCount > 1;
    }
}
