package com.merchantbilling.payments.internal.reconciliation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The job that asks Stripe about Pending Payment links whose webhook may have been missed.
 *
 * @param olderThan links younger than this are left to the webhook, which usually arrives within seconds
 * @param interval  pause between runs; {@code @Scheduled} reads the same property
 * @param batchSize invoices per run (one Stripe call each); the next run continues after the last one
 */
@Validated
@ConfigurationProperties("payments.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15m") @NotNull Duration olderThan,
        @DefaultValue("10m") @NotNull Duration interval,
        @DefaultValue("100") @Positive @Max(1000) int batchSize) {
}
