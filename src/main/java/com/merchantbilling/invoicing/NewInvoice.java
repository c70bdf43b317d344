package com.merchantbilling.invoicing;

import java.time.LocalDate;
import java.util.List;

/**
 * What it takes to issue an invoice. The billing amount may be 0 or negative (a credit note).
 *
 * @param lineItems what the invoice bills, line by line; when there are any, they add up to the billing
 *                  amount. Empty for invoices issued with a total only (imports, older callers).
 */
public record NewInvoice(String invoiceNumber, String buyerName, String buyerEmail, LocalDate issueDate,
        LocalDate dueDate, Money billingAmount, List<InvoiceLineItem> lineItems) {

    public NewInvoice {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }

    /** An invoice with a total and no line items. */
    public NewInvoice(String invoiceNumber, String buyerName, String buyerEmail, LocalDate issueDate,
            LocalDate dueDate, Money billingAmount) {
        this(invoiceNumber, buyerName, buyerEmail, issueDate, dueDate, billingAmount, List.of());
    }

    /** An invoice whose billing amount is the sum of its line items. */
    public static NewInvoice withLineItems(String invoiceNumber, String buyerName, String buyerEmail,
            LocalDate issueDate, LocalDate dueDate, java.util.Currency currency, List<InvoiceLineItem> lineItems) {
        return new NewInvoice(invoiceNumber, buyerName, buyerEmail, issueDate, dueDate,
                InvoiceLineItem.total(lineItems, currency), lineItems);
    }
}
