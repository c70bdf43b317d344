package com.merchantbilling.organizations.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.OrganizationMismatchException;
import com.merchantbilling.organizations.RoleRequiredException;

/**
 * Evaluates the role checks of the modules' APIs ({@code @PreAuthorize("@merchantRoles.billing('...', #organization)")}, see
 * {@link MerchantRole}): returns true or throws {@link RoleRequiredException}, whose message names the action,
 * so that a refusal explains itself instead of Spring Security's bare "Access Denied".
 */
@Component("merchantRoles")
class MerchantRoles {

    private final UserRepository users;

    MerchantRoles(UserRepository users) {
        this.users = users;
    }

    public boolean billing(String action) {
        return require(action, EnumSet.of(MerchantRole.OWNER, MerchantRole.BILLING_MANAGER));
    }

    public boolean owner(String action) {
        return require(action, EnumSet.of(MerchantRole.OWNER));
    }

    /** As {@link #billing(String)}, and a signed-in merchant acts only on its own organization. */
    public boolean billing(String action, OrganizationId organization) {
        return billing(action) && ownOrganization(action, organization);
    }

    /** As {@link #owner(String)}, and a signed-in merchant acts only on its own organization. */
    public boolean owner(String action, OrganizationId organization) {
        return owner(action) && ownOrganization(action, organization);
    }

    /**
     * The APIs take the organization as an argument (the views pass their signed-in merchant's): a merchant's
     * session naming another organization's id is refused here, whatever its role, instead of trusting every
     * caller to have scoped its call. Callers that are no merchant (the demo data, test set-up) act on any.
     */
    private boolean ownOrganization(String action, OrganizationId organization) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MerchantUser merchant
                && !merchant.organizationId().equals(organization)) {
            throw new OrganizationMismatchException(action);
        }
        return true;
    }

    private boolean require(String action, Set<MerchantRole> allowed) {
        var role = currentRole(SecurityContextHolder.getContext().getAuthentication());
        if (role.isEmpty() || !allowed.contains(role.get())) {
            throw new RoleRequiredException(action, allowed, role);
        }
        return true;
    }

    /**
     * A signed-in merchant's role as stored now (a user disabled, removed or demoted since signing in has lost
     * the rights of the session's role); any other authenticated caller (a test fixture, the demo data at
     * start-up) by its role authority.
     */
    private Optional<MerchantRole> currentRole(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof MerchantUser merchant) {
            return users.findById(merchant.userId())
                    .filter(UserRow::enabled)
                    .filter(row -> row.organizationId() == merchant.organizationId().value())
                    .map(UserRow::role);
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(MerchantRole::ofAuthority).flatMap(Optional::stream)
                .min(Enum::compareTo);
    }
}
