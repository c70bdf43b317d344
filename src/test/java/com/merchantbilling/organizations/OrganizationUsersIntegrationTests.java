package com.merchantbilling.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.merchantbilling.organizations.OrganizationUsers.OrganizationUser;
import com.merchantbilling.organizations.OrganizationUsers.PasswordProblem;
import com.merchantbilling.organizations.OrganizationUsers.Problem;
import com.merchantbilling.organizations.OrganizationUsers.Status;
import com.merchantbilling.organizations.OrganizationUsers.UserChangeException;
import com.merchantbilling.support.FixtureOwner;
import com.merchantbilling.support.SignedIn;

/** Settings > Users behind the page: invitations, roles, disabling, removal and the last Owner. */
@ApplicationModuleTest
class OrganizationUsersIntegrationTests {

    @Autowired
    Organizations organizations;
    @Autowired
    OrganizationUsers users;
    @Autowired
    UserDetailsService signIn;
    @Autowired
    PasswordEncoder passwords;

    OrganizationId sakura;
    String owner;

    @BeforeEach
    void organization() {
        sakura = organizations.register("Users " + UUID.randomUUID(), Optional.empty()).id();
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(sakura, owner, "Aiko", "river-lantern-9");
    }

    @AfterEach
    void back() {
        FixtureOwner.actAsOwner();
    }

    @Test
    void anInvitedUserSetsAPasswordThroughTheOneTimeLinkAndSignsIn() {
        String email = "kenji-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var invitation = users.invite(sakura, " " + email.toUpperCase() + " ", "Kenji Ito",
                MerchantRole.BILLING_MANAGER);

        assertThat(invitation.user().status()).isEqualTo(Status.INVITED);
        assertThat(invitation.user().email()).isEqualTo(email);
        assertThatThrownBy(() -> signIn.loadUserByUsername(email)).isInstanceOf(UsernameNotFoundException.class);
        assertThat(users.invitation(invitation.token())).map(OrganizationUser::email).contains(email);

        users.acceptInvitation(invitation.token(), "maple-syrup-morning");

        var merchant = (MerchantUser) signIn.loadUserByUsername(email);
        assertThat(merchant.role()).isEqualTo(MerchantRole.BILLING_MANAGER);
        assertThat(merchant.getAuthorities()).extracting(Object::toString).contains("ROLE_BILLING_MANAGER");
        assertThat(passwords.matches("maple-syrup-morning", merchant.getPassword())).isTrue();
        // the link is used up
        assertThat(users.invitation(invitation.token())).isEmpty();
        assertThatThrownBy(() -> users.acceptInvitation(invitation.token(), "another-long-phrase"))
                .isInstanceOfSatisfying(UserChangeException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVITATION_INVALID));
    }

    @Test
    void aWeakPasswordLeavesTheInvitationOpen() {
        var invitation = users.invite(sakura, unique("yui"), "Yui Tanaka", MerchantRole.VIEWER);

        assertThatThrownBy(() -> users.acceptInvitation(invitation.token(), "short"))
                .isInstanceOfSatisfying(UserChangeException.class,
                        e -> assertThat(e.passwordProblem()).contains(PasswordProblem.TOO_SHORT));
        assertThatThrownBy(() -> users.acceptInvitation(invitation.token(), "password1234"))
                .isInstanceOfSatisfying(UserChangeException.class,
                        e -> assertThat(e.passwordProblem()).contains(PasswordProblem.COMMON));
        assertThatThrownBy(() -> users.acceptInvitation(invitation.token(), "yui-tanaka-rules"))
                .isInstanceOfSatisfying(UserChangeException.class,
                        e -> assertThat(e.passwordProblem()).contains(PasswordProblem.CONTAINS_NAME));
        assertThat(users.invitation(invitation.token())).isPresent();
    }

    @Test
    void badInviteInputIsNamed() {
        String taken = unique("taken");
        users.invite(sakura, taken, "Taken", MerchantRole.VIEWER);

        assertProblem(() -> users.invite(sakura, "  ", "Name", MerchantRole.VIEWER), Problem.EMAIL_EMPTY);
        assertProblem(() -> users.invite(sakura, "a".repeat(195) + "@x.example", "Name", MerchantRole.VIEWER),
                Problem.EMAIL_TOO_LONG);
        assertProblem(() -> users.invite(sakura, "not-an-address", "Name", MerchantRole.VIEWER), Problem.EMAIL_INVALID);
        assertProblem(() -> users.invite(sakura, taken.toUpperCase(), "Name", MerchantRole.VIEWER), Problem.EMAIL_TAKEN);
        assertProblem(() -> users.invite(sakura, unique("n"), " ", MerchantRole.VIEWER), Problem.DISPLAY_NAME_EMPTY);
        assertProblem(() -> users.invite(sakura, unique("n"), "x".repeat(101), MerchantRole.VIEWER),
                Problem.DISPLAY_NAME_TOO_LONG);
        assertProblem(() -> users.invite(sakura, unique("n"), "Name", null), Problem.ROLE_MISSING);
        assertThat(MerchantRole.parse("superuser")).isEmpty();
        assertThat(users.list(sakura)).hasSize(2);
    }

    @Test
    void theLastOwnerCannotBeRemovedDisabledOrDemoted() {
        long ownerId = idOf(owner);

        assertProblem(() -> users.remove(sakura, ownerId), Problem.LAST_OWNER);
        assertProblem(() -> users.disable(sakura, ownerId), Problem.LAST_OWNER);
        assertProblem(() -> users.changeRole(sakura, ownerId, MerchantRole.VIEWER), Problem.LAST_OWNER);
        // an invited Owner who never signed in is no replacement
        users.invite(sakura, unique("pending"), "Pending Owner", MerchantRole.OWNER);
        assertProblem(() -> users.remove(sakura, ownerId), Problem.LAST_OWNER);

        assertThat(users.list(sakura)).filteredOn(user -> user.id() == ownerId).singleElement()
                .satisfies(user -> {
                    assertThat(user.role()).isEqualTo(MerchantRole.OWNER);
                    assertThat(user.status()).isEqualTo(Status.ACTIVE);
                });
    }

    @Test
    void withASecondOwnerTheFirstMayGo() {
        String second = "second-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(sakura, second, "Ken", "second-owner-phrase");

        users.changeRole(sakura, idOf(owner), MerchantRole.VIEWER);
        assertProblem(() -> users.remove(sakura, idOf(second)), Problem.LAST_OWNER);
        users.remove(sakura, idOf(owner));

        assertThat(users.list(sakura)).extracting(OrganizationUser::email).containsExactly(second);
        assertThatThrownBy(() -> signIn.loadUserByUsername(owner)).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aDisabledUserCannotSignIn() {
        String billing = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(sakura, billing, "Billing", "billing-manager-phrase", MerchantRole.BILLING_MANAGER);

        long id = idOf(billing);
        users.disable(sakura, id);

        assertThatThrownBy(() -> signIn.loadUserByUsername(billing)).isInstanceOf(UsernameNotFoundException.class);
        users.enable(sakura, id);
        assertThat(signIn.loadUserByUsername(billing).isEnabled()).isTrue();
    }

    @Test
    void onlyAnOwnerManagesUsersAndOnlyInTheirOrganization() {
        var other = organizations.register("Other " + UUID.randomUUID(), Optional.empty()).id();
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
        organizations.addUser(other, stranger, "Stranger", "stranger-long-phrase");
        assertProblem(() -> users.remove(sakura, idOf(stranger)), Problem.USER_NOT_FOUND);

        SignedIn.as(sakura, "manager", MerchantRole.BILLING_MANAGER);
        assertThatThrownBy(() -> users.invite(sakura, unique("x"), "X", MerchantRole.OWNER))
                .isInstanceOf(RoleRequiredException.class).hasMessageContaining("invite users");
        assertThatThrownBy(() -> users.list(sakura)).isInstanceOf(RoleRequiredException.class);
    }

    private long idOf(String username) {
        return ((MerchantUser) signIn.loadUserByUsername(username)).userId();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Problem problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UserChangeException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
