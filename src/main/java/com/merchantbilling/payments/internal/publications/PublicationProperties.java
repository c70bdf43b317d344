package com.merchantbilling.payments.internal.publications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code payments.publications.*}
 *
 * @param staleAfter the lease of a publication being handled: one not completed this long after it was
 *                   published or last resubmitted counts as abandoned (its node died) and is taken over. Longer
 *                   than a listener ever runs: a link request waits at most 5 minutes for a Stripe slot
 *                   (StripeBudget) plus its rounds; shorter than EventPublicationMonitor's stale-after (15m),
 *                   so what the monitor reports stale is what nobody took over.
 */
@Validated
@ConfigurationProperties("payments.publications")
public record PublicationProperties(@DefaultValue("10m") @NotNull Duration staleAfter) {
}
