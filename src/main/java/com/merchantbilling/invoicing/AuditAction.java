package com.merchantbilling.invoicing;

/** What an audit entry records about an invoice's online payment. */
public enum AuditAction {
    LINK_REQUESTED, LINK_CREATED, LINK_FAILED, PAID, ADDITIONAL_PAYMENT,
    // after-payment activity (see PaymentActivity)
    PAYMENT_DIFFERS, REFUNDED, PARTIALLY_REFUNDED, REFUND_REVERSED, DISPUTED, DISPUTE_WON, DISPUTE_LOST,
    PAYMENT_FAILED,
    /** A link the merchant never saw (an orphan of an uncertain attempt) was deactivated at Stripe. */
    ORPHAN_LINK_DEACTIVATED
}
