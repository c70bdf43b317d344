package com.merchantbilling.payments.internal.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The Stripe webhook endpoint. The signing secret is {@code stripe.webhook-secret}.
 *
 * @param maxBodySize           larger bodies are refused (413) before they are read: Stripe's events are a few KiB
 * @param resubmitAfter         an event whose processing failed is tried again after this long
 * @param processingConcurrency batch workers per node; each holds one database connection while it processes
 * @param retention             processed events are forgotten after this long
 * @param batchSize             events claimed and processed in one transaction at most
 * @param pollInterval          how often each node looks for unprocessed events it was not told about (another
 *                              node's, or left by a crash); the node that stores an event is woken at once
 * @param groupCommit           concurrent requests' inbox inserts share one statement and commit
 * @param linger                how long a worker woken by a new event waits before it claims a batch, so that the
 *                              events of a burst share batches instead of each paying a transaction of its own;
 *                              zero claims at once
 */
@Validated
@ConfigurationProperties("payments.webhook")
public record WebhookProperties(
        @DefaultValue("256KB") @NotNull DataSize maxBodySize,
        @DefaultValue("5m") @NotNull Duration resubmitAfter,
        @DefaultValue("2") @Min(1) @Max(64) int processingConcurrency,
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("false") boolean groupCommit,
        @DefaultValue("20ms") @NotNull Duration linger) {

    public WebhookProperties {
        if (retention != null && retention.compareTo(Duration.ofDays(4)) < 0) {
            // Stripe redelivers for up to three days: a shorter memory would process a late retry twice
            throw new IllegalArgumentException("payments.webhook.retention must be at least 4 days");
        }
        if (maxBodySize != null && (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("payments.webhook.max-body-size must be between 1 byte and 2 GB");
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("payments.webhook.poll-interval must be positive");
        }
        if (linger != null && (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0)) {
            // a payment shows Paid this much later when the endpoint is quiet
            throw new IllegalArgumentException("payments.webhook.linger must be between 0 and 1s");
        }
    }
}
