package com.merchantbilling.organizations;

import java.util.Optional;

/** The organizations module's API: tenants and their users. */
public interface Organizations {

    Optional<Organization> find(OrganizationId id);

    Organization register(String name, Optional<String> stripeAccountId);

    /** Adds a user who signs in with the given username and password (stored only as a hash). */
    void addUser(OrganizationId organization, String username, String displayName, String rawPassword);

    boolean any();

    /**
     * The organization's own Stripe account from now on (Stripe Connect): new payment links are created on it.
     * Links created before keep the account they were created on (invoicing stores it with each link).
     */
    // role: owner
    void changeStripeAccount(OrganizationId organization, String stripeAccountId);
}
