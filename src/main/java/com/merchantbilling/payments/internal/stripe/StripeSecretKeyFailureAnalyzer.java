package com.merchantbilling.payments.internal.stripe;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.validation.FieldError;

/**
 * A production start without a Stripe secret key stops with one message ({@link StripeSecretKeyCheck}, or the
 * {@code @NotBlank} on {@link StripeProperties#secretKey()} when a key turns up blank only later) instead of a
 * stack trace or Boot's generic binding report. The sandbox is never the fallback: it is on only when asked
 * for, so the message says how to ask for it.
 */
class StripeSecretKeyFailureAnalyzer implements FailureAnalyzer {

    static final String DESCRIPTION = "No Stripe secret key is configured: STRIPE_SECRET_KEY (stripe.secret-key) "
            + "is not set or blank, and the built-in Stripe sandbox is off.";

    static final String ACTION = """
            Set STRIPE_SECRET_KEY to your Stripe secret key (sk_live_... or sk_test_...) and STRIPE_WEBHOOK_SECRET \
            to the signing secret of the webhook endpoint POST /stripe/webhook. For a demo without a Stripe account \
            set STRIPE_SANDBOX_ENABLED=true (never in production: the sandbox marks invoices Paid without real \
            money) or use the developer run, ./mvnw spring-boot:test-run, which turns it on.""";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StripeSecretKeyCheck.MissingStripeSecretKeyException
                    || cause instanceof BindValidationException invalid && isMissingKey(invalid)) {
                return new FailureAnalysis(DESCRIPTION, ACTION, failure);
            }
        }
        return null;
    }

    private static boolean isMissingKey(BindValidationException invalid) {
        var errors = invalid.getValidationErrors();
        return errors.getName().toString().equals("stripe") && errors.getAllErrors().stream()
                .anyMatch(error -> error instanceof FieldError field && field.getField().equals("secretKey"));
    }
}
