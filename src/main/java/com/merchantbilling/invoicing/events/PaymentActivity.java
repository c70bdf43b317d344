package com.merchantbilling.invoicing.events;

/** A change to an invoice's payment flags, as the audit trail and the metrics name it. */
public enum PaymentActivity {
    PAYMENT_DIFFERS, REFUNDED, PARTIALLY_REFUNDED, REFUND_REVERSED, DISPUTED, DISPUTE_WON, DISPUTE_LOST,
    PAYMENT_FAILED
}
