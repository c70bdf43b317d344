package com.merchantbilling.payments;

import com.merchantbilling.organizations.OrganizationId;

/** Which organizations may use which add-on. */
public interface AddOnSubscriptions {

    boolean isActive(OrganizationId organization, AddOn addOn);

    void subscribe(OrganizationId organization, AddOn addOn);

    void cancel(OrganizationId organization, AddOn addOn);
}
