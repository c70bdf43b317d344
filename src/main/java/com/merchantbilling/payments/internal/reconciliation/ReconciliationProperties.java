package com.merchantbilling.payments.internal.reconciliation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The job that catches up on Stripe events no webhook delivered ({@link StripeEventCatchUp}).
 *
 * @param interval        pause between runs; {@code @Scheduled} and the job lock read the same property
 * @param lookback        how far back the first listing of an account reaches; Stripe lists events of the last 30
 *                        days only (docs.stripe.com/api/events/list), so more is pointless
 * @param overlap         each listing starts this long before where the last one ended: an event Stripe had
 *                        created but not yet listed then is still found (the inbox drops those seen already)
 * @param pageSize        events per page ({@code limit}); Stripe's most is 100 (docs.stripe.com/api/pagination)
 * @param maxPagesPerRun  pages one account may take per run; a longer listing resumes next run
 * @param undeliveredOnly list only events some endpoint has not taken ({@code delivery_success=false}, Stripe's
 *                        "Process undelivered webhook events"): fewer pages when webhooks mostly arrive; off by
 *                        default, because an event "delivered" to an endpoint of another integration of the same
 *                        account would then never be listed for us
 */
@Validated
@ConfigurationProperties("payments.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") @NotNull Duration interval,
        @DefaultValue("30d") @NotNull Duration lookback,
        @DefaultValue("5m") @NotNull Duration overlap,
        @DefaultValue("100") @Positive @Max(100) int pageSize,
        @DefaultValue("100") @Positive @Max(10_000) int maxPagesPerRun,
        @DefaultValue("false") boolean undeliveredOnly) {

    @AssertTrue(message = "payments.reconciliation.lookback must be positive and at most 30 days (Stripe's event retention)")
    boolean isLookbackWithinRetention() {
        return lookback != null && !lookback.isNegative() && !lookback.isZero()
                && lookback.compareTo(Duration.ofDays(30)) <= 0;
    }
}
