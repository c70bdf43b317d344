package com.merchantbilling.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.merchantbilling.support.TestTenants;

/** The organizations module alone: users sign in as members of exactly one organization. */
@ApplicationModuleTest
class OrganizationsModuleIntegrationTests {

    @Autowired
    Organizations organizations;
    @Autowired
    UserDetailsService users;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void aUserIsFoundWithTheOrganizationThatScopesItAndOnlyAPasswordHash() {
        var sakura = TestTenants.organization(organizations, "Sakura");
        String username = "aiko-" + sakura.value();
        organizations.addUser(sakura, username, "Aiko", "correct horse battery");

        var user = users.loadUserByUsername(username);

        assertThat(user).isInstanceOfSatisfying(MerchantUser.class, merchant -> {
            assertThat(merchant.organizationId()).isEqualTo(sakura);
            assertThat(merchant.organizationName()).isEqualTo(organizations.find(sakura).orElseThrow().name());
            assertThat(merchant.displayName()).isEqualTo("Aiko");
        });
        assertThat(user.getPassword()).isNotEqualTo("correct horse battery");
        assertThat(passwords.matches("correct horse battery", user.getPassword())).isTrue();
        assertThat(passwords.matches("wrong", user.getPassword())).isFalse();
    }

    @Test
    void usersOfTwoOrganizationsEachBelongToTheirOwnAndStrangersAreUnknown() {
        var a = TestTenants.organization(organizations, "A");
        var b = organizations.register("B " + System.nanoTime(), Optional.of("acct_B123")).id();
        organizations.addUser(a, "ann-" + a.value(), "Ann", "password-of-ann");
        organizations.addUser(b, "ben-" + b.value(), "Ben", "password-of-ben");

        assertThat(((MerchantUser) users.loadUserByUsername("ann-" + a.value())).organizationId()).isEqualTo(a);
        assertThat(((MerchantUser) users.loadUserByUsername("ben-" + b.value())).organizationId()).isEqualTo(b);
        assertThat(organizations.find(b).orElseThrow().id()).isEqualTo(b);
        assertThat(organizations.find(a).orElseThrow().id()).isNotEqualTo(b);
        assertThat(organizations.find(new OrganizationId(Long.MAX_VALUE))).isEmpty();
        assertThatThrownBy(() -> users.loadUserByUsername("nobody-" + System.nanoTime()))
                .isInstanceOf(UsernameNotFoundException.class);
    }
}
