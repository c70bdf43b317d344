/**
 * The Vaadin screens (sign-in, Billing Invoices) and the web security around them. A module of its own so
 * that the domain modules never see Vaadin: the UI is one client of invoicing's organization-scoped API and of
 * payments' add-on API, and Modulith's verification keeps it from reaching into their internals or into the
 * online-payments port, which is Stripe's side only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "User interface", allowedDependencies = {
        "organizations", "invoicing", "invoicing :: events", "payments", "sharing" })
package com.merchantbilling.ui;
