package com.merchantbilling.organizations.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import com.merchantbilling.organizations.MerchantRole;

/**
 * @param passwordHash        null while an invitation is open
 * @param invitationTokenHash SHA-256 (hex) of the one-time link's token, null once a password is set
 */
@Table("users")
record UserRow(@Id Long id, long organizationId, String username, String displayName, String passwordHash,
        boolean enabled, Instant createdAt, MerchantRole role, String invitationTokenHash,
        Instant invitationExpiresAt) {

    boolean invited() {
        return passwordHash == null;
    }

    UserRow withRole(MerchantRole newRole) {
        return new UserRow(id, organizationId, username, displayName, passwordHash, enabled, createdAt, newRole,
                invitationTokenHash, invitationExpiresAt);
    }

    UserRow withEnabled(boolean newEnabled) {
        return new UserRow(id, organizationId, username, displayName, passwordHash, newEnabled, createdAt, role,
                invitationTokenHash, invitationExpiresAt);
    }

    UserRow withPassword(String newPasswordHash) {
        return new UserRow(id, organizationId, username, displayName, newPasswordHash, enabled, createdAt, role,
                null, null);
    }
}
