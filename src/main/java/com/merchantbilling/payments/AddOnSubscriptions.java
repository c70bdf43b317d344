package com.merchantbilling.payments;

import org.springframework.security.access.prepost.PreAuthorize;

import com.merchantbilling.organizations.OrganizationId;

/** Which organizations may use which add-on. */
public interface AddOnSubscriptions {

    boolean isActive(OrganizationId organization, AddOn addOn);

    @PreAuthorize("@merchantRoles.owner('subscribe to add-ons')")
    void subscribe(OrganizationId organization, AddOn addOn);

    @PreAuthorize("@merchantRoles.owner('cancel add-ons')")
    void cancel(OrganizationId organization, AddOn addOn);
}
