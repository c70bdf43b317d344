package com.merchantbilling.ui.billing;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The signed-in merchant a view is built for, and whether their organization has the card payment add-on.
 * Prototype-scoped: resolved once per view, when the view is created for the signed-in user.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
class CurrentMerchant {

    private final MerchantUser user;
    private final AddOnSubscriptions addOns;

    CurrentMerchant(AuthenticationContext authentication, AddOnSubscriptions addOns) {
        this.user = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        this.addOns = addOns;
    }

    OrganizationId organization() {
        return user.organizationId();
    }

    String username() {
        return user.getUsername();
    }

    /**
     * Whether the user's role may issue, import and export invoices and create payment links: what the screens
     * offer. The APIs check the role again on each call (organizations' MerchantRole).
     */
    boolean mayBill() {
        return user.role().mayBill();
    }

    /** Whether the user is an Owner, who manages users and subscribes to add-ons (Settings). */
    boolean mayAdminister() {
        return user.role().mayAdminister();
    }

    /** Asked when called (a database read), not when built: most collaborators only need the organization. */
    boolean addOnActive() {
        return addOns.isActive(user.organizationId(), AddOn.STRIPE_CREDIT_CARD_PAYMENT);
    }
}
