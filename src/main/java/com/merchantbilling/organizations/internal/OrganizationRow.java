package com.merchantbilling.organizations.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("organizations")
record OrganizationRow(@Id Long id, String name, String stripeAccountId, Instant createdAt) {
}
