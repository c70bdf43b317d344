package com.merchantbilling.stripesandbox.internal;

import java.time.Duration;

import org.hibernate.validator.constraints.URL;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code stripe.sandbox.*}: set by {@link StripeSandboxEnvironment} when the sandbox is on; only bound then,
 * so a production configuration never has to carry them.
 *
 * @param webhookUrl where {@code checkout.session.completed} events are posted
 * @param connectWebhookUrl where connected accounts' events ({@code account.updated}, their checkouts) are posted
 * @param publicBaseUrl the application's address as buyers' browsers reach it; checkout URLs start with it
 */
@Validated
@ConditionalOnBooleanProperty("stripe.sandbox.enabled")
@ConfigurationProperties("stripe.sandbox")
record StripeSandboxProperties(
        boolean enabled,
        @NotBlank @URL(regexp = "^https?:.*") String webhookUrl,
        @NotBlank @URL(regexp = "^https?:.*") String connectWebhookUrl,
        @NotBlank @URL(regexp = "^https?:.*") String publicBaseUrl,
        @Valid @NotNull @DefaultValue WebhookRetry webhookRetry) {

    /**
     * @param maxAttempts deliveries per event, the first included
     * @param initialBackoff wait before the second attempt; doubled for each further one
     * @param maxBackoff the longest wait between attempts
     * @param requestTimeout how long one attempt may take to connect and answer
     */
    record WebhookRetry(
            @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("30s") @NotNull Duration maxBackoff,
            @DefaultValue("10s") @NotNull Duration requestTimeout) {

        @AssertTrue(message = "backoffs and the request timeout must be positive, initial-backoff <= max-backoff")
        boolean isConsistent() {
            return initialBackoff.isPositive() && maxBackoff.isPositive() && requestTimeout.isPositive()
                    && initialBackoff.compareTo(maxBackoff) <= 0;
        }
    }
}
