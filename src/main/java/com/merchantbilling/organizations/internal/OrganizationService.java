package com.merchantbilling.organizations.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;

@Service
@Transactional(readOnly = true)
class OrganizationService implements Organizations {

    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    OrganizationService(OrganizationRepository organizations, UserRepository users, PasswordEncoder passwordEncoder) {
        this.organizations = organizations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public Optional<Organization> find(OrganizationId id) {
        return organizations.findById(id.value()).map(OrganizationService::toOrganization);
    }

    @Override
    @Transactional
    public Organization register(String name, Optional<String> stripeAccountId) {
        Assert.hasText(name, "An organization needs a name");
        stripeAccountId.ifPresent(account -> Assert.isTrue(account.startsWith("acct_"),
                "A Stripe connected account id starts with acct_"));
        var saved = organizations.save(new OrganizationRow(null, name.strip(), stripeAccountId.orElse(null),
                Instant.now()));
        return toOrganization(saved);
    }

    @Override
    @Transactional
    public void addUser(OrganizationId organization, String username, String displayName, String rawPassword) {
        Assert.hasText(username, "A user needs a username");
        Assert.isTrue(rawPassword != null && rawPassword.length() >= 8, "A password has at least 8 characters");
        Assert.isTrue(organizations.existsById(organization.value()), "No organization " + organization);
        users.save(new UserRow(null, organization.value(), username.strip().toLowerCase(Locale.ROOT),
                displayName, passwordEncoder.encode(rawPassword), true, Instant.now()));
    }

    @Override
    @Transactional
    public void changeStripeAccount(OrganizationId organization, String stripeAccountId) {
        Assert.isTrue(stripeAccountId != null && stripeAccountId.startsWith("acct_"),
                "A Stripe connected account id starts with acct_");
        var row = organizations.findById(organization.value())
                .orElseThrow(() -> new IllegalArgumentException("No organization " + organization));
        organizations.save(new OrganizationRow(row.id(), row.name(), stripeAccountId, row.createdAt()));
    }

    @Override
    public boolean any() {
        return organizations.count() > 0;
    }

    private static Organization toOrganization(OrganizationRow row) {
        return new Organization(new OrganizationId(row.id()), row.name(), Optional.ofNullable(row.stripeAccountId()));
    }
}
