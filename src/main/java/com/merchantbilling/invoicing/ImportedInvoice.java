package com.merchantbilling.invoicing;

/** A valid row of an import file and the invoice it becomes. */
public record ImportedInvoice(int line, NewInvoice invoice) {
}
