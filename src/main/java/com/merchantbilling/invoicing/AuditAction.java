package com.merchantbilling.invoicing;

/** What an audit entry records about an invoice's online payment. */
public enum AuditAction {
    LINK_REQUESTED, LINK_CREATED, LINK_FAILED, PAID, ADDITIONAL_PAYMENT
}
