package com.merchantbilling.organizations;

import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The users of an organization, managed by its Owners (Settings > Users). Every change is scoped to the
 * organization and refused with a {@link UserChangeException} naming the problem; the organization always
 * keeps at least one enabled Owner.
 */
public interface OrganizationUsers {

    int MAX_EMAIL_LENGTH = 200;
    int MAX_DISPLAY_NAME_LENGTH = 100;

    @PreAuthorize("@merchantRoles.owner('list users', #organization)")
    List<OrganizationUser> list(OrganizationId organization);

    /**
     * A user who signs in with {@code email} once they have chosen a password through the one-time link the
     * returned {@link Invitation} carries (valid for {@link #INVITATION_DAYS} days).
     */
    @PreAuthorize("@merchantRoles.owner('invite users', #organization)")
    Invitation invite(OrganizationId organization, String email, String displayName, MerchantRole role);

    int INVITATION_DAYS = 7;

    @PreAuthorize("@merchantRoles.owner('change roles', #organization)")
    void changeRole(OrganizationId organization, long userId, MerchantRole role);

    @PreAuthorize("@merchantRoles.owner('disable users', #organization)")
    void disable(OrganizationId organization, long userId);

    @PreAuthorize("@merchantRoles.owner('enable users', #organization)")
    void enable(OrganizationId organization, long userId);

    @PreAuthorize("@merchantRoles.owner('remove users', #organization)")
    void remove(OrganizationId organization, long userId);

    /** The open invitation a one-time link's token stands for; empty when unknown, used or expired. */
    Optional<OrganizationUser> invitation(String token);

    /**
     * Sets the invited user's password (checked as {@link PasswordProblem} says) and uses the link up.
     *
     * @throws UserChangeException {@code INVITATION_INVALID} or a password problem
     */
    void acceptInvitation(String token, String password);

    record OrganizationUser(long id, String email, String displayName, MerchantRole role, Status status) {
    }

    enum Status { ACTIVE, INVITED, DISABLED }

    /** @param token the secret of the one-time link {@code /invitation/<token>}; shown once, stored only hashed */
    record Invitation(OrganizationUser user, String token) {
    }

    /** Why a user change was refused; nothing was changed. */
    enum Problem {
        EMAIL_EMPTY, EMAIL_TOO_LONG, EMAIL_INVALID, EMAIL_TAKEN,
        DISPLAY_NAME_EMPTY, DISPLAY_NAME_TOO_LONG,
        ROLE_MISSING,
        LAST_OWNER,
        USER_NOT_FOUND,
        INVITATION_INVALID,
        PASSWORD
    }

    /** Why a password is refused. */
    enum PasswordProblem { TOO_SHORT, TOO_LONG, COMMON, CONTAINS_NAME }

    class UserChangeException extends RuntimeException {

        private final Problem problem;
        private final transient Optional<PasswordProblem> passwordProblem;

        public UserChangeException(Problem problem, String message) {
            super(message);
            this.problem = problem;
            this.passwordProblem = Optional.empty();
        }

        public UserChangeException(PasswordProblem passwordProblem, String message) {
            super(message);
            this.problem = Problem.PASSWORD;
            this.passwordProblem = Optional.of(passwordProblem);
        }

        public Problem problem() {
            return problem;
        }

        public Optional<PasswordProblem> passwordProblem() {
            return passwordProblem;
        }
    }
}
