package com.merchantbilling.organizations;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a user may do inside their organization. Owner: everything, including users and the add-on; Billing
 * manager: invoices, payment links, emails, reminders, exports; Viewer: reads, copies links, prints slips.
 * Each is a Spring Security authority ({@code ROLE_OWNER}, ...).
 * <p>
 * <b>Checked in the modules' APIs</b>, not only in the views: a user-facing write method carries
 * {@code @PreAuthorize("@merchantRoles.billing('create payment links', #organization)")} (Owner or Billing manager) or
 * {@code @PreAuthorize("@merchantRoles.owner('manage users', #organization)")} (Owner), evaluated by the organizations
 * module's {@code merchantRoles} bean. A refused call throws {@link RoleRequiredException} (naming the action,
 * the roles that may do it and the caller's role) before the method runs, so it changes nothing.
 * <p>
 * The bean reads a signed-in merchant's role from the database on each call (one indexed row), not from the
 * session: an Owner's demotion, disabling or removal of a user takes effect on that user's next call, on every
 * node. System paths (event listeners, the Stripe webhook, scheduled jobs) do not go through these APIs: they
 * use {@code invoicing.onlinepayments} and the modules' internals, which carry no role check, so they run
 * without a user. A caller without any authentication is refused: nothing runs unchecked by accident.
 */
public enum MerchantRole {

    OWNER, BILLING_MANAGER, VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }

    public GrantedAuthority grantedAuthority() {
        return new SimpleGrantedAuthority(authority());
    }

    /** Invoices, payment links, emails, reminders, imports and exports. */
    public boolean mayBill() {
        return this != VIEWER;
    }

    /** Users and add-ons. */
    public boolean mayAdminister() {
        return this == OWNER;
    }

    public static Optional<MerchantRole> ofAuthority(String authority) {
        return Arrays.stream(values()).filter(role -> role.authority().equals(authority)).findFirst();
    }

    /** A role as typed or sent by a form ({@code OWNER}, {@code billing_manager}); empty for anything else. */
    public static Optional<MerchantRole> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(role -> role.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
