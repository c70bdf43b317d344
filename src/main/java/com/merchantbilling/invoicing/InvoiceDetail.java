package com.merchantbilling.invoicing;

import java.util.List;
import java.util.Optional;

/** Everything about one invoice: its list row, buyer email, line items and audit trail (in the order recorded). */
public record InvoiceDetail(BillingInvoice invoice, Optional<String> buyerEmail, List<InvoiceLineItem> lineItems,
        List<AuditEntry> auditTrail) {
}
