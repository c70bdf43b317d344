package com.merchantbilling.payments;

import java.time.Instant;

import com.merchantbilling.organizations.OrganizationId;

/**
 * The organization's subscription to an add-on was started or canceled (published in the transaction that
 * changed it): open views of the organization, on every node, show or hide what the add-on gives.
 */
public record AddOnSubscriptionChanged(OrganizationId organizationId, AddOn addOn, boolean active, String actor,
        Instant at) {
}
