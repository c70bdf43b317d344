package com.merchantbilling.invoicing;

public record IneligibleInvoice(BillingInvoice invoice, Ineligibility reason) {
}
