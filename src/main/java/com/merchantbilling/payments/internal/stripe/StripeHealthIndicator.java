package com.merchantbilling.payments.internal.stripe;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How Stripe is configured, never the secrets themselves: sandbox, test or live key, and whether webhooks
 * can be verified. Without a webhook secret payments still arrive through reconciliation, so that is a
 * detail, not DOWN.
 */
@Component("stripe")
class StripeHealthIndicator implements HealthIndicator {

    private final StripeProperties properties;

    StripeHealthIndicator(StripeProperties properties) {
        this.properties = properties;
    }

    @Override
    public Health health() {
        var key = properties.secretKey();
        if (key == null || key.isBlank()) {
            return Health.down().withDetail("secretKey", "missing").build();
        }
        String mode = properties.sandbox().enabled() ? "sandbox"
                : key.startsWith("sk_live_") || key.startsWith("rk_live_") ? "live"
                : key.startsWith("sk_test_") || key.startsWith("rk_test_") ? "test" : "unknown";
        boolean webhookSecret = properties.webhookSecret() != null && !properties.webhookSecret().isBlank();
        return Health.up()
                .withDetail("mode", mode)
                .withDetail("secretKey", "present")
                .withDetail("webhookSecret", webhookSecret ? "present" : "missing")
                .build();
    }
}
