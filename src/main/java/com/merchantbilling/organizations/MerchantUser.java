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
    // kept only until authentication completes; Spring Security erases it afterwards
    private String passwordHash;

    public MerchantUser(long userId, String username, String displayName, OrganizationId organizationId,
            String organizationName, String passwordHash) {
        this.userId = userId;
        this.username = username;
        this.displayName = displayName;
        this.organizationId = organizationId;
        this.organizationName = organizationName;
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

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_MERCHANT"));
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
        return "MerchantUser[" + username + ", organization " + organizationId + "]";
    }
}
