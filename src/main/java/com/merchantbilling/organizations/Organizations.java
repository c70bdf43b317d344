package com.merchantbilling.organizations;

import java.util.Optional;

/** The organizations module's API: tenants and their users. */
public interface Organizations {

    Optional<Organization> find(OrganizationId id);

    Organization register(String name, Optional<String> stripeAccountId);

    /**
     * Adds an Owner who signs in with the given username and password (stored only as a hash). For seeding (demo
     * data, tests, a first Owner); people join through {@link OrganizationUsers#invite}.
     */
    default void addUser(OrganizationId organization, String username, String displayName, String rawPassword) {
        addUser(organization, username, displayName, rawPassword, MerchantRole.OWNER);
    }

    /**
     * The same with the given role. The password must have at least 12 characters and not be a common one.
     *
     * @throws OrganizationUsers.UserChangeException for a password the policy refuses or a taken username
     */
    void addUser(OrganizationId organization, String username, String displayName, String rawPassword,
            MerchantRole role);

    boolean any();

    /**
     * The organization's own Stripe account from now on (Stripe Connect): new payment links are created on it.
     * Links created before keep the account they were created on (invoicing stores it with each link).
     */
    // role: owner
    void changeStripeAccount(OrganizationId organization, String stripeAccountId);
}
