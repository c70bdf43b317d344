/**
 * A built-in, stateful stand-in for Stripe: it answers the Stripe HTTP calls this application makes (payment
 * links, checkout sessions), serves a hosted test checkout page and sends signed webhooks, so the developer
 * run and the tests work without a Stripe account. On only when asked for ({@code stripe.sandbox.enabled}).
 * Depends on no other module of the application ({@code allowedDependencies = {}}, checked by
 * {@code StripeSandboxModularityTest}).
 * <p>
 * Its API is this package: {@link com.merchantbilling.stripesandbox.SandboxStripe} (the router, with
 * {@code inMemory(...)} for tests) and the values it hands out. Each Stripe resource is answered by its own class
 * under {@code internal} ({@code paymentlinks}, {@code checkout}, {@code idempotency}, {@code auth},
 * {@code webhooks}, {@code store}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stripe sandbox", allowedDependencies = {})
package com.merchantbilling.stripesandbox;
