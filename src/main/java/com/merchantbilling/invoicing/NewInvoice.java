package com.merchantbilling.invoicing;

import java.time.LocalDate;

/** What it takes to issue an invoice. The billing amount may be 0 or negative (a credit note). */
public record NewInvoice(String invoiceNumber, String buyerName, String buyerEmail, LocalDate issueDate,
        LocalDate dueDate, Money billingAmount) {
}
