package com.merchantbilling.payments;

import java.util.Optional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Catching up on payments whose webhook never arrived: asks Stripe for the completed Checkout Sessions of
 * an invoice's payment link and applies the paid ones exactly as the webhook would, so a payment reported
 * both ways counts once.
 */
public interface PaymentReconciliation {

    /**
     * Reconciles one invoice of the organization. Calls Stripe, so it takes up to a few seconds: not for
     * a UI thread.
     *
     * @return empty when the organization has no such invoice
     * @throws PaymentReconciliationException when Stripe could not be asked
     */
    Optional<ReconciliationResult> reconcile(OrganizationId organization, InvoiceId invoice);
}
