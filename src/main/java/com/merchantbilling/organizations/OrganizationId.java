package com.merchantbilling.organizations;

/** Identifies a merchant organization: the tenant every query and command is scoped to. */
public record OrganizationId(long value) {

    public OrganizationId {
        if (value <= 0) {
            throw new IllegalArgumentException("An organization id is positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
