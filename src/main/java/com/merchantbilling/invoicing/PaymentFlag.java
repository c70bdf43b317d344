package com.merchantbilling.invoicing;

/**
 * What a merchant should know about an invoice's payment besides its status. The status stays Not Created,
 * Pending Payment or Paid (Paid is final); these stand beside it, because a refund or a dispute happens to a
 * payment that was real when it was made.
 */
public enum PaymentFlag {
    /** Paid less than billed or in another currency: not Paid, the merchant reviews it. */
    PAYMENT_DIFFERS,
    /** Paid more than billed: Paid, the merchant may refund the difference. */
    OVERPAID,
    /** Paid more than once: someone refunds or explains. */
    PAID_TWICE,
    REFUNDED,
    PARTIALLY_REFUNDED,
    DISPUTED,
    DISPUTE_LOST,
    /** The last attempt to pay was declined or failed; only while the invoice is not Paid. */
    PAYMENT_FAILED
}
