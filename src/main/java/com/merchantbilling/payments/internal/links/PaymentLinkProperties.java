package com.merchantbilling.payments.internal.links;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param resubmitOlderThan link requests still incomplete after this long are tried again (after a crash)
 * @param resubmitInterval  how often to look for them
 * @param resolution        how an uncertain Stripe answer (5xx, timeout, dropped connection) is resolved
 */
@Validated
@ConfigurationProperties("payments.links")
record PaymentLinkProperties(@DefaultValue("2m") @NotNull Duration resubmitOlderThan,
        @DefaultValue("1m") @NotNull Duration resubmitInterval,
        @DefaultValue @Valid @NotNull Resolution resolution) {

    /**
     * @param maxRounds      Stripe rounds per request (the first call included) before the invoice becomes Link
     *                       Failed "Stripe unavailable", which the merchant can retry
     * @param initialBackoff the wait before the second round; doubled each round, with jitter of +-50%
     * @param maxBackoff     the longest wait between rounds
     * @param maxListPages   pages of 100 links, newest first, searched per look-up for a link of the invoice
     */
    record Resolution(@DefaultValue("4") @Min(1) @Max(20) int maxRounds,
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("15s") @NotNull Duration maxBackoff,
            @DefaultValue("10") @Min(1) @Max(1000) int maxListPages) {

        @AssertTrue(message = "initial-backoff must be positive and at most max-backoff")
        boolean isBackoffValid() {
            return initialBackoff != null && maxBackoff != null && initialBackoff.isPositive()
                    && initialBackoff.compareTo(maxBackoff) <= 0;
        }
    }
}
