package com.merchantbilling.organizations.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.OrganizationUsers;
import com.merchantbilling.organizations.Organizations;

@Service
@Transactional(readOnly = true)
class OrganizationService implements Organizations, OrganizationUsers {

    private static final Logger log = LoggerFactory.getLogger(OrganizationService.class);
    /** Deliberately loose (one @, a dot in the domain, no spaces): the invitation itself proves the address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;

    OrganizationService(OrganizationRepository organizations, UserRepository users, PasswordEncoder passwordEncoder,
            PasswordPolicy passwordPolicy, Optional<Clock> clock) {
        this.organizations = organizations;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.clock = clock.orElse(Clock.systemUTC());
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
    public void addUser(OrganizationId organization, String username, String displayName, String rawPassword,
            MerchantRole role) {
        Assert.hasText(username, "A user needs a username");
        Assert.notNull(role, "A user needs a role");
        Assert.isTrue(organizations.existsById(organization.value()), "No organization " + organization);
        // seeding: length and the common list; the name rule is for passwords people choose themselves
        passwordPolicy.check(rawPassword, null, null).ifPresent(problem -> {
            throw passwordRefused(problem);
        });
        String name = username.strip().toLowerCase(Locale.ROOT);
        if (users.findByUsername(name).isPresent()) {
            throw new UserChangeException(Problem.EMAIL_TAKEN, "The username " + name + " is taken");
        }
        users.save(new UserRow(null, organization.value(), name, displayName, passwordEncoder.encode(rawPassword),
                true, Instant.now(), role, null, null));
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

    // --- OrganizationUsers -----------------------------------------------------------------------------------

    @Override
    public List<OrganizationUser> list(OrganizationId organization) {
        return users.findByOrganizationIdOrderByUsername(organization.value()).stream()
                .map(OrganizationService::toUser).toList();
    }

    @Override
    @Transactional
    public Invitation invite(OrganizationId organization, String email, String displayName, MerchantRole role) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String name = displayName == null ? "" : displayName.strip();
        if (address.isEmpty()) {
            throw new UserChangeException(Problem.EMAIL_EMPTY, "An e-mail address is required");
        }
        if (address.length() > MAX_EMAIL_LENGTH) {
            throw new UserChangeException(Problem.EMAIL_TOO_LONG,
                    "An e-mail address has at most " + MAX_EMAIL_LENGTH + " characters");
        }
        if (!EMAIL.matcher(address).matches()) {
            throw new UserChangeException(Problem.EMAIL_INVALID, "'" + address + "' is not an e-mail address");
        }
        if (name.isEmpty()) {
            throw new UserChangeException(Problem.DISPLAY_NAME_EMPTY, "A display name is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME_LENGTH) {
            throw new UserChangeException(Problem.DISPLAY_NAME_TOO_LONG,
                    "A display name has at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        if (role == null) {
            throw new UserChangeException(Problem.ROLE_MISSING, "Choose a role: Owner, Billing manager or Viewer");
        }
        // usernames are unique across organizations: say "taken" without saying where (the unique index decides
        // a race between two invitations of the same address)
        if (users.findByUsername(address).isPresent()) {
            throw new UserChangeException(Problem.EMAIL_TAKEN, address + " already has an account");
        }
        String token = newToken();
        var saved = users.save(new UserRow(null, organization.value(), address, name, null, true, clock.instant(),
                role, hash(token), clock.instant().plus(Duration.ofDays(INVITATION_DAYS))));
        log.info("User {} invited to organization {} as {}", saved.id(), organization, role);
        return new Invitation(toUser(saved), token);
    }

    @Override
    @Transactional
    public void changeRole(OrganizationId organization, long userId, MerchantRole role) {
        if (role == null) {
            throw new UserChangeException(Problem.ROLE_MISSING, "Choose a role: Owner, Billing manager or Viewer");
        }
        var user = userOf(organization, userId);
        if (user.role() == role) {
            return;
        }
        if (user.role() == MerchantRole.OWNER) {
            keepAnotherOwner(organization, user, "demoted");
        }
        users.save(user.withRole(role));
    }

    @Override
    @Transactional
    public void disable(OrganizationId organization, long userId) {
        var user = userOf(organization, userId);
        if (user.role() == MerchantRole.OWNER && user.enabled()) {
            keepAnotherOwner(organization, user, "disabled");
        }
        users.save(user.withEnabled(false));
    }

    @Override
    @Transactional
    public void enable(OrganizationId organization, long userId) {
        users.save(userOf(organization, userId).withEnabled(true));
    }

    @Override
    @Transactional
    public void remove(OrganizationId organization, long userId) {
        var user = userOf(organization, userId);
        if (user.role() == MerchantRole.OWNER && user.enabled()) {
            keepAnotherOwner(organization, user, "removed");
        }
        users.delete(user);
        log.info("User {} removed from organization {}", userId, organization);
    }

    @Override
    public Optional<OrganizationUser> invitation(String token) {
        return openInvitation(token).map(OrganizationService::toUser);
    }

    @Override
    @Transactional
    public void acceptInvitation(String token, String password) {
        var user = openInvitation(token).orElseThrow(() -> new UserChangeException(Problem.INVITATION_INVALID,
                "This invitation link is unknown, used or expired; ask an Owner for a new one"));
        passwordPolicy.check(password, user.username(), user.displayName()).ifPresent(problem -> {
            throw passwordRefused(problem);
        });
        users.save(user.withPassword(passwordEncoder.encode(password)));
    }

    private Optional<UserRow> openInvitation(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return users.findByInvitationTokenHash(hash(token))
                .filter(UserRow::enabled)
                .filter(row -> row.invitationExpiresAt() != null && row.invitationExpiresAt().isAfter(clock.instant()));
    }

    private UserRow userOf(OrganizationId organization, long userId) {
        return users.findById(userId).filter(row -> row.organizationId() == organization.value())
                .orElseThrow(() -> new UserChangeException(Problem.USER_NOT_FOUND, "No such user in the organization"));
    }

    /** Locks the organization's Owners, then refuses when {@code user} is the last enabled one. */
    private void keepAnotherOwner(OrganizationId organization, UserRow user, String change) {
        var owners = users.lockEnabledOwners(organization.value());
        if (owners.stream().noneMatch(owner -> !owner.id().equals(user.id()))) {
            throw new UserChangeException(Problem.LAST_OWNER,
                    "The last Owner cannot be " + change + ": make another user an Owner first");
        }
    }

    private static UserChangeException passwordRefused(PasswordProblem problem) {
        return new UserChangeException(problem, switch (problem) {
            case TOO_SHORT -> "A password has at least " + PasswordPolicy.MIN_LENGTH + " characters";
            case TOO_LONG -> "A password has at most " + PasswordPolicy.MAX_BYTES + " bytes";
            case COMMON -> "This password is too common; choose a longer phrase of your own";
            case CONTAINS_NAME -> "A password must not contain your name or e-mail address";
        });
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OrganizationUser toUser(UserRow row) {
        var status = !row.enabled() ? Status.DISABLED : row.invited() ? Status.INVITED : Status.ACTIVE;
        return new OrganizationUser(row.id(), row.username(), row.displayName(), row.role(), status);
    }

    private static Organization toOrganization(OrganizationRow row) {
        return new Organization(new OrganizationId(row.id()), row.name(), Optional.ofNullable(row.stripeAccountId()));
    }
}
