package com.merchantbilling.organizations;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user; carries the organization that scopes everything the user sees and does. */
public final class MerchantUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long userId;
    private final String username;
    private final String displayName;
    private final OrganizationId organizationId;
    private final String organizationName;
    private final MerchantRole role;
    // kept only until authentication completes; Spring Security erases it afterwards
    private String passwordHash;

    public MerchantUser(long userId, String username, String displayName, OrganizationId organizationId,
            String organizationName, MerchantRole role, String passwordHash) {
        this.userId = userId;
        this.username = username;
        this.displayName = displayName;
        this.organizationId = organizationId;
        this.organizationName = organizationName;
        this.role = java.util.Objects.requireNonNull(role, "role");
        this.passwordHash = passwordHash;
    }

    public long userId() {
        return userId;
    }

    public String displayName() {
        return displayName;
    }

    public OrganizationId organizationId() {
        return organizationId;
    }

    public String organizationName() {
        return organizationName;
    }

    /**
     * The role when the user signed in. Screens use it to show only what the role may do; the APIs check the
     * current role again (see {@link MerchantRole}).
     */
    public MerchantRole role() {
        return role;
    }

    /** ROLE_MERCHANT (a merchant user, never an operator) and the role in the organization. */
    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_MERCHANT"), role.grantedAuthority());
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "MerchantUser[" + username + ", organization " + organizationId + ", " + role + "]";
    }
}
