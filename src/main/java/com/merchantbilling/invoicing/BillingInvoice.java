package com.merchantbilling.invoicing;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

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
        Optional<PaidDetails> paid,
        Set<PaymentFlag> flags,
        /** A payment that differs from the bill and did not make the invoice Paid (flag PAYMENT_DIFFERS). */
        Optional<Money> differingPayment) {

    public BillingInvoice {
        flags = flags.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(flags));
    }
}
