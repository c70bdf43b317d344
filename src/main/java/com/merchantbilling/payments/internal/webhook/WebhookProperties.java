package com.merchantbilling.payments.internal.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The Stripe webhook endpoint. The signing secret is {@code stripe.webhook-secret}.
 *
 * @param maxBodySize   larger bodies are refused (413) before they are read: Stripe's events are a few KiB
 * @param resubmitAfter an event whose processing failed is tried again after this long (and on restart)
 */
@Validated
@ConfigurationProperties("payments.webhook")
public record WebhookProperties(
        @DefaultValue("256KB") @NotNull DataSize maxBodySize,
        @DefaultValue("5m") @NotNull Duration resubmitAfter,
        @DefaultValue("8") @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(64) int processingConcurrency,
        @DefaultValue("30d") @NotNull Duration retention) {

    public WebhookProperties {
        if (retention != null && retention.compareTo(Duration.ofDays(4)) < 0) {
            // Stripe redelivers for up to three days: a shorter memory would process a late retry twice
            throw new IllegalArgumentException("payments.webhook.retention must be at least 4 days");
        }
        if (maxBodySize != null && (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("payments.webhook.max-body-size must be between 1 byte and 2 GB");
        }
    }
}
