package com.merchantbilling.payments;

import java.time.Instant;
import java.util.List;

/**
 * A connected Stripe account as Stripe last reported it (the Account object's {@code charges_enabled},
 * {@code details_submitted} and {@code requirements.currently_due}, Stripe API reference "The Account object").
 *
 * @param currentlyDue what Stripe still needs before the account is fully enabled, Stripe's field names
 */
public record StripeAccountState(String accountId, boolean chargesEnabled, boolean detailsSubmitted,
        List<String> currentlyDue, Instant updatedAt) {

    public StripeAccountState {
        currentlyDue = List.copyOf(currentlyDue);
    }
}
