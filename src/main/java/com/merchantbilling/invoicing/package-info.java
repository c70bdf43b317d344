/**
 * Invoices and their online payment state (Not Created, Pending Payment, Paid): issuing and numbering, the
 * Billing Invoices list, details, CSV import and export, and the rule for which invoice may get a payment link.
 * Owns the invoice tables and publishes every change as an event. Its faces: this package (values used
 * everywhere and the organization-scoped use cases, each interface with its result types nested),
 * {@code events} and {@code online-payments}. It depends on organizations only; payments depends on it, never
 * the reverse.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Invoicing", allowedDependencies = "organizations")
package com.merchantbilling.invoicing;
