package com.merchantbilling.organizations.internal;

import java.util.Locale;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;

@Component
class MerchantUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final OrganizationRepository organizations;

    MerchantUserDetailsService(UserRepository users, OrganizationRepository organizations) {
        this.users = users;
        this.organizations = organizations;
    }

    /**
     * A disabled user and an invited one who has not set a password yet are "not found", exactly like an unknown
     * name: Spring Security's DaoAuthenticationProvider then answers all three with the same bad-credentials
     * failure and still spends one password hash (its timing-attack mitigation), so sign-in tells nobody which
     * names exist.
     */
    @Override
    public MerchantUser loadUserByUsername(String username) {
        var user = users.findByUsername(username.strip().toLowerCase(Locale.ROOT))
                .filter(UserRow::enabled)
                .filter(row -> !row.invited())
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
        var organization = organizations.findById(user.organizationId()).orElseThrow();
        return new MerchantUser(user.id(), user.username(), user.displayName(),
                new OrganizationId(organization.id()), organization.name(), user.role(), user.passwordHash());
    }
}
