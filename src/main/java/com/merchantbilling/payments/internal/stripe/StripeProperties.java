package com.merchantbilling.payments.internal.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Stripe settings, from the environment only: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET,
 * STRIPE_CONNECT_WEBHOOK_SECRET (the Connect endpoint's own signing secret: Stripe gives each endpoint its own, and
 * a Connect endpoint receives the connected accounts' events, docs.stripe.com/connect/webhooks), STRIPE_API_BASE,
 * STRIPE_RATE_LIMIT_PER_SECOND. Without a secret key start-up stops ({@link StripeSecretKeyFailureAnalyzer}),
 * unless the Stripe sandbox was asked for (STRIPE_SANDBOX_ENABLED=true): then it fills in its own random keys.
 *
 * @param apiBase            Stripe's API base; blank for api.stripe.com
 * @param rateLimitPerSecond Stripe calls per second across the app, at most, as they arrive at Stripe (test mode
 *                           allows 25, live mode 100; leave headroom for the account's other clients, see
 *                           StripeBudget)
 * @param maxNetworkRetries  stripe-java's own retries (HttpClient.shouldRetry): connect errors and timeouts, 409,
 *                           5xx, all unless Stripe answers Stripe-Should-Retry: false (as it does for a 500
 *                           saved under an idempotency key)
 * @param maxAttempts        attempts per call including Resilience4j's retries after stripe-java gives up; a call
 *                           with an idempotency key retries only a 429 or 409 (see StripeCallPolicy)
 */
@Validated
@ConfigurationProperties("stripe")
public record StripeProperties(
        @NotBlank String secretKey,
        String webhookSecret,
        String connectWebhookSecret,
        String apiBase,
        @DefaultValue("25") @Positive @Max(1000) int rateLimitPerSecond,
        @DefaultValue("2") @Min(0) @Max(10) int maxNetworkRetries,
        @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("500ms") @NotNull Duration retryBackoff,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout,
        @DefaultValue @Valid Sandbox sandbox) {

    public record Sandbox(@DefaultValue("false") boolean enabled) {
    }

    public boolean hasApiBase() {
        return apiBase != null && !apiBase.isBlank();
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "StripeProperties[apiBase=" + (hasApiBase() ? apiBase : "api.stripe.com") + ", sandbox="
                + sandbox.enabled() + ", rateLimitPerSecond=" + rateLimitPerSecond + ", secretKey="
                + mask(secretKey) + ", webhookSecret=" + mask(webhookSecret) + ", connectWebhookSecret="
                + mask(connectWebhookSecret) + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isBlank() ? "(not set)" : "(set)";
    }
}
