package com.merchantbilling.invoicing;

import java.time.LocalDate;
import java.util.Optional;

/** One row of the Billing Invoices list, as a merchant sees it. */
public record BillingInvoice(
        InvoiceId id,
        String invoiceNumber,
        String buyerName,
        LocalDate issueDate,
        LocalDate dueDate,
        Money billingAmount,
        OnlinePaymentStatus onlinePayment,
        Optional<String> paymentLinkUrl,
        Optional<String> paymentLinkFailure,
        Optional<PaidDetails> paid) {
}
