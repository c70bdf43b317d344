/**
 * A built-in, stateful stand-in for Stripe: it answers the Stripe HTTP calls this application makes (payment
 * links, checkout sessions), serves a hosted test checkout page and sends signed webhooks, so the developer
 * run and the tests work without a Stripe account. On only when no {@code stripe.secret-key} is configured.
 * Depends on no other module of the application.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stripe sandbox", allowedDependencies = {})
package com.merchantbilling.stripesandbox;
