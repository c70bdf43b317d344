package com.merchantbilling.organizations;

import java.util.Optional;

/**
 * A merchant organization as other modules see it.
 *
 * @param stripeAccountId the organization's Stripe connected account ({@code acct_...}), if it has one
 */
public record Organization(OrganizationId id, String name, Optional<String> stripeAccountId) {
}
