package com.merchantbilling.payments.internal.deployment;

import java.util.regex.Pattern;

/**
 * Who we are at Stripe: one value per deployment (production, staging, a developer's machine), put into every
 * idempotency key and every payment link's metadata. Two deployments sharing a Stripe account then never
 * replay each other's idempotency keys (a key is account-wide at Stripe) nor match each other's payments.
 * Lower-case letters, digits and dashes, at most 40 characters: it must fit in a Stripe metadata value (500)
 * and keep idempotency keys well under Stripe's 255 characters.
 */
public record DeploymentId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public DeploymentId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("A deployment id is 1 to 40 lower-case letters, digits and dashes, "
                    + "starting with a letter or digit; got " + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
