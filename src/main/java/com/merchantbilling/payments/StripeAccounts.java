package com.merchantbilling.payments;

import java.net.URI;
import java.util.Optional;

import com.merchantbilling.organizations.OrganizationId;

/**
 * The organization's own Stripe account, connected through Stripe Connect onboarding (Account Links), and
 * whether payment links can be created on it.
 */
public interface StripeAccounts {

    /** The connected account as Stripe last reported it (on return from onboarding or by account.updated). */
    Optional<StripeAccountState> find(OrganizationId organization);

    /**
     * Where to send the merchant to onboard: creates the organization's connected account at Stripe if it has
     * none yet (POST /v1/accounts; from then on new links are created on it, and refused until its charges are
     * enabled), then a single-use Account Link (POST /v1/account_links, type account_onboarding).
     *
     * @param returnUrl where Stripe sends the merchant back after the flow (not a sign that it is complete)
     * @param refreshUrl where Stripe sends the merchant when the link expired or was used: it asks for a new one
     * @throws StripeAccountException when Stripe refuses or cannot be reached, with Stripe's reason
     */
    // role: owner
    URI startOnboarding(OrganizationId organization, String actor, URI returnUrl, URI refreshUrl);

    /**
     * Retrieves the connected account from Stripe (GET /v1/accounts/{id}) and keeps its state: what the merchant
     * sees after returning from onboarding.
     *
     * @throws StripeAccountException when Stripe cannot be asked
     */
    Optional<StripeAccountState> refresh(OrganizationId organization);

    /**
     * Why no payment link can be created for the organization right now, if that is so: its connected account
     * cannot accept card payments yet (charges not enabled). An organization without a connected account creates
     * links on the platform's account and is never refused here.
     */
    Optional<String> linkCreationRefusal(OrganizationId organization);

    /** Stripe's refusal or unavailability, with the reason to show. */
    class StripeAccountException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public StripeAccountException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
