package com.merchantbilling.invoicing;

/** What an audit entry records about an invoice's online payment. */
public enum AuditAction {
    LINK_REQUESTED, LINK_CREATED, LINK_FAILED, PAID, ADDITIONAL_PAYMENT,
    /** A link the merchant never saw (an orphan of an uncertain attempt) was deactivated at Stripe. */
    ORPHAN_LINK_DEACTIVATED
}
