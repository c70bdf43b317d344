/**
 * Stripe: the Credit Card Payment Add-on subscription, payment link creation on invoicing's
 * {@code PaymentLinkRequested}, the webhook and reconciliation that report payments back through invoicing's
 * {@code online-payments} port. Owns the Stripe client, the webhook inbox and the deployment id.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments", allowedDependencies = { "organizations",
        "invoicing", "invoicing :: events", "invoicing :: online-payments" })
package com.merchantbilling.payments;
