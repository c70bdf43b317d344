package com.merchantbilling.payments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;

import com.merchantbilling.organizations.OrganizationId;

/** Which organizations may use which add-on, since when, and who subscribed or canceled it. */
public interface AddOnSubscriptions {

    boolean isActive(OrganizationId organization, AddOn addOn);

    /** Since when the add-on is active for the organization (its latest subscription), empty when it is not. */
    Optional<Instant> activeSince(OrganizationId organization, AddOn addOn);

    /**
     * Subscribes the organization (no change if it is subscribed already) and audits who did. Publishes
     * {@link AddOnSubscriptionChanged} when the state changed.
     */
    @PreAuthorize("@merchantRoles.owner('subscribe to add-ons', #organization)")
    void subscribe(OrganizationId organization, AddOn addOn, String actor);

    /**
     * Cancels the subscription (no change if there is none) and audits who did: from the commit on, no new
     * payment link is created for the organization; links already created stay payable and their payments are
     * still recorded (Stripe's payment links cannot be canceled, only deactivated, and they belong to the buyer).
     */
    @PreAuthorize("@merchantRoles.owner('cancel add-ons', #organization)")
    void cancel(OrganizationId organization, AddOn addOn, String actor);

    /** Subscriptions and cancellations of the add-on, newest first. */
    List<AddOnAuditEntry> history(OrganizationId organization, AddOn addOn);

    /** For set-up code (demo data, tests): a subscription made by the system, audited as such. */
    @PreAuthorize("@merchantRoles.owner('subscribe to add-ons', #organization)")
    default void subscribe(OrganizationId organization, AddOn addOn) {
        subscribe(organization, addOn, SYSTEM);
    }

    /** For set-up code (tests): a cancellation made by the system, audited as such. */
    @PreAuthorize("@merchantRoles.owner('cancel add-ons', #organization)")
    default void cancel(OrganizationId organization, AddOn addOn) {
        cancel(organization, addOn, SYSTEM);
    }

    /** The actor audited for changes that no signed-in user made. */
    String SYSTEM = "system";

    /** One subscription or cancellation as the audit trail keeps it. */
    record AddOnAuditEntry(AddOn addOn, Action action, String actor, Instant at) {

        public enum Action {
            SUBSCRIBED, CANCELED
        }
    }
}
