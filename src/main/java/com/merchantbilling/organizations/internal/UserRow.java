package com.merchantbilling.organizations.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("users")
record UserRow(@Id Long id, long organizationId, String username, String displayName, String passwordHash,
        boolean enabled, Instant createdAt) {
}
