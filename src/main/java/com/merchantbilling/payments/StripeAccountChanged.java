package com.merchantbilling.payments;

import com.merchantbilling.organizations.OrganizationId;

/**
 * The organization's connected Stripe account was created, or Stripe reported a new state of it (published in
 * the transaction that stored it): open views show whether links can be created.
 */
public record StripeAccountChanged(OrganizationId organizationId, String accountId, boolean chargesEnabled) {
}
