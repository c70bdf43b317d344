package com.merchantbilling.stripesandbox.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** One message instead of a stack trace when the sandbox is asked for beside real Stripe secrets. */
class StripeSandboxFailureAnalyzer extends AbstractFailureAnalyzer<SandboxWithStripeSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SandboxWithStripeSecretsException cause) {
        String variable = cause.property().equals("stripe.secret-key") ? "STRIPE_SECRET_KEY" : "STRIPE_WEBHOOK_SECRET";
        return new FailureAnalysis("""
                The built-in Stripe sandbox is enabled (STRIPE_SANDBOX_ENABLED / stripe.sandbox.enabled=true) \
                while %s (%s) is set. The sandbox simulates payments with its own random keys and never runs \
                with a real Stripe account's secrets.""".formatted(variable, cause.property()),
                "For a real Stripe account remove STRIPE_SANDBOX_ENABLED (or set it to false). For a demo without "
                        + "Stripe unset STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.",
                cause);
    }
}
