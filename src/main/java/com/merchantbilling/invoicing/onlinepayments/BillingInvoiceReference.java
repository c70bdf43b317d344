package com.merchantbilling.invoicing.onlinepayments;

import java.util.Optional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;

/**
 * An invoice as Stripe-side processing needs it: whose it is, what it bills, where its link stands.
 *
 * @param paymentLinkStripeAccount the connected Stripe account its link was created on, empty for the platform
 *                                 account (or no link): where its payments are looked for, whatever account the
 *                                 organization has now
 */
public record BillingInvoiceReference(InvoiceId id, OrganizationId organizationId, String invoiceNumber,
        Money billingAmount, OnlinePaymentStatus onlinePayment, Optional<String> paymentLinkId,
        Optional<String> paymentLinkStripeAccount) {

    public BillingInvoiceReference(InvoiceId id, OrganizationId organizationId, String invoiceNumber,
            Money billingAmount, OnlinePaymentStatus onlinePayment, Optional<String> paymentLinkId) {
        this(id, organizationId, invoiceNumber, billingAmount, onlinePayment, paymentLinkId, Optional.empty());
    }
}
