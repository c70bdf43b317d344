package com.merchantbilling.stripesandbox.internal;

/**
 * The Stripe sandbox was asked for while real Stripe secrets are configured: refused, so the sandbox never signs
 * webhooks with, or stands in for, an operator's Stripe account. Reported by {@link StripeSandboxFailureAnalyzer}.
 */
class SandboxWithStripeSecretsException extends IllegalStateException {

    private final String property;

    SandboxWithStripeSecretsException(String property) {
        super("The Stripe sandbox (stripe.sandbox.enabled=true) must not run with " + property + " set");
        this.property = property;
    }

    String property() {
        return property;
    }
}
