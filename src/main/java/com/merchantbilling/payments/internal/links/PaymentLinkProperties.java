package com.merchantbilling.payments.internal.links;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param resubmitOlderThan link requests still incomplete after this long are tried again
 * @param resubmitInterval  how often to look for them
 */
@Validated
@ConfigurationProperties("payments.links")
record PaymentLinkProperties(@DefaultValue("2m") @NotNull Duration resubmitOlderThan,
        @DefaultValue("1m") @NotNull Duration resubmitInterval) {
}
