package com.merchantbilling.invoicing.onlinepayments;

import java.util.Optional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;

/** An invoice as Stripe-side processing needs it: whose it is, what it bills, where its link stands. */
public record BillingInvoiceReference(InvoiceId id, OrganizationId organizationId, String invoiceNumber,
        Money billingAmount, OnlinePaymentStatus onlinePayment, Optional<String> paymentLinkId) {
}
