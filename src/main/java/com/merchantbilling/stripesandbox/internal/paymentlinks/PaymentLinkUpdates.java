package com.merchantbilling.stripesandbox.internal.paymentlinks;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * {@code POST /v1/payment_links/{id}}: Stripe's "Update a payment link". The sandbox models {@code active} only
 * (deactivating a link is how a link is retired: Stripe has no delete for payment links), plus {@code metadata}
 * and {@code expand}, which it accepts.
 */
final class PaymentLinkUpdates {

    private static final Set<String> KNOWN = Set.of("active", "expand");

    private final SandboxStore store;

    PaymentLinkUpdates(SandboxStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /** Refuses what Stripe would refuse before executing; nothing is saved under an idempotency key then. */
    Boolean validate(String id, Map<String, Object> params, String account) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw StripeApiError.invalid("The Stripe sandbox only updates a payment link's active flag; "
                        + "received " + name, name, "parameter_unknown");
            }
        }
        store.findPaymentLink(id)
                .filter(link -> Objects.equals(link.stripeAccount(), account))
                .orElseThrow(() -> StripeApiError.notFound("payment_link", id, "id"));
        Object active = params.get("active");
        if (active == null) {
            return null;
        }
        if (!(active instanceof String text) || !(text.equals("true") || text.equals("false"))) {
            throw StripeApiError.invalid("Invalid boolean: " + active, "active", null);
        }
        return Boolean.valueOf((String) active);
    }

    SandboxPaymentLink update(String id, Boolean active) {
        var link = store.findPaymentLink(id).orElseThrow(() -> StripeApiError.notFound("payment_link", id, "id"));
        return active == null ? link : store.updatePaymentLinkActive(id, active).orElseThrow();
    }
}
