package com.merchantbilling.stripesandbox.internal.checkout;

import java.util.Objects;
import java.util.Set;

import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.api.ListPages;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/** Stripe's Checkout Sessions resource, as far as the sandbox has sessions: {@code GET /v1/checkout/sessions}. */
public final class CheckoutSessionsResource {

    private static final Set<String> LIST_PARAMS = Set.of("payment_link", "status", "limit", "starting_after",
            "ending_before", "expand", "created", "customer", "customer_details", "payment_intent", "subscription");

    private final SandboxStore store;

    public CheckoutSessionsResource(SandboxStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /** Newest first; the sandbox keeps completed sessions only, so {@code open} and {@code expired} list none. */
    public SandboxResponse list(ApiRequest request) {
        var params = request.query();
        ListPages.refuseUnknown(params, LIST_PARAMS);
        ListPages.limit(params);
        if (!(params.get("payment_link") instanceof String linkId) || linkId.isEmpty()) {
            // without a link filter the sandbox would have to list every session of every link
            throw StripeApiError.invalid("The Stripe sandbox lists checkout sessions of one payment link only: "
                    + "pass payment_link.", "payment_link", null);
        }
        Object status = params.get("status");
        if (status != null && !Set.of("open", "complete", "expired").contains(status)) {
            throw StripeApiError.invalid("Invalid status: must be one of open, complete, or expired", "status",
                    null);
        }
        var sessions = store.checkoutSessions(linkId).stream()
                .filter(session -> Objects.equals(session.stripeAccount(), request.account()))
                .filter(session -> status == null || status.equals("complete"))
                .filter(session -> !(params.get("payment_intent") instanceof String intent)
                        || intent.equals(session.paymentIntentId()))
                .map(StripeObjects::checkoutSession)
                .toList();
        return request.json(200, ListPages.page(sessions, params, "/v1/checkout/sessions"));
    }
}
