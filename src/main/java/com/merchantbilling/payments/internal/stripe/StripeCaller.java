package com.merchantbilling.payments.internal.stripe;

import java.util.Optional;

import com.merchantbilling.organizations.OrganizationId;

/**
 * On whose behalf a Stripe call is made, for the budget ({@link StripeBudget}): the Stripe account whose rate
 * limit it counts against, the organization whose turn it takes, and whether someone is waiting for it.
 *
 * @param account      the connected account ({@code Stripe-Account} header), empty for the platform account
 * @param organization the organization the call serves, empty for the app's own calls
 * @param interactive  a merchant is waiting (Check Payment): it does not queue behind anyone's bulk run
 */
public record StripeCaller(Optional<String> account, Optional<OrganizationId> organization, boolean interactive) {

    /** The app's own calls on the platform account, not on any organization's behalf. */
    public static final StripeCaller PLATFORM = new StripeCaller(Optional.empty(), Optional.empty(), false);

    public static StripeCaller background(OrganizationId organization, Optional<String> account) {
        return new StripeCaller(account, Optional.of(organization), false);
    }

    public static StripeCaller interactive(OrganizationId organization, Optional<String> account) {
        return new StripeCaller(account, Optional.of(organization), true);
    }

    /**
     * Stripe measures rate limits "in API requests per second, per Stripe account; the global rate limit applies
     * to total API usage per account" (docs.stripe.com/rate-limits, "Rate limits"). A request made for a
     * connected account carries its id in the Stripe-Account header (docs.stripe.com/connect/authentication,
     * "Making API calls for connected accounts") and acts on that account, so we count it there: one bucket per
     * account, the platform's own calls in the platform's. Should the platform's limit also cover them, the
     * configured rate (per bucket) is the knob to lower.
     */
    String accountKey() {
        return "stripe:" + account.orElse("platform");
    }

    String laneKey() {
        return accountKey() + ":" + organization.map(id -> String.valueOf(id.value())).orElse("app");
    }
}
