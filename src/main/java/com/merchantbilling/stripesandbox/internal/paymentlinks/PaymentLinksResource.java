package com.merchantbilling.stripesandbox.internal.paymentlinks;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.SandboxServerFailure;
import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.api.ListPages;
import com.merchantbilling.stripesandbox.internal.idempotency.SandboxIdempotency;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * Stripe's Payment Links resource: create ({@code POST /v1/payment_links}, with Stripe's validation and
 * idempotency keys), retrieve, list, update ({@code active} only, see {@link PaymentLinkUpdates}) and a link's
 * line items. A link of another connected account does not exist for the caller, as on Stripe.
 */
public final class PaymentLinksResource {

    private static final Set<String> LIST_PARAMS = Set.of("active", "limit", "starting_after", "ending_before",
            "expand");

    private final SandboxStore store;
    private final SandboxIdempotency idempotency;
    private final PaymentLinkUpdates updates;
    private final Function<String, String> checkoutUrl;
    private final LongSupplier now;

    /** @param checkoutUrl a link's {@code url} from its id */
    public PaymentLinksResource(SandboxStore store, SandboxIdempotency idempotency,
            Function<String, String> checkoutUrl, LongSupplier epochSeconds) {
        this.store = Objects.requireNonNull(store);
        this.idempotency = Objects.requireNonNull(idempotency);
        this.updates = new PaymentLinkUpdates(store);
        this.checkoutUrl = Objects.requireNonNull(checkoutUrl);
        this.now = Objects.requireNonNull(epochSeconds);
    }

    public SandboxResponse create(ApiRequest request) {
        var params = request.bodyParameters();
        var read = new SandboxPaymentLink[1];
        SandboxIdempotency.Validation validation = () -> read[0] = PaymentLinkParameters.read(params,
                Ids.paymentLink(), request.account(), now.getAsLong());
        SandboxIdempotency.Execution execution = () -> {
            var link = read[0];
            if (request.failure() == SandboxServerFailure.BEFORE_CREATING) {
                throw StripeApiError.serverFault();
            }
            if (request.failure() == SandboxServerFailure.AFTER_CREATING) {
                // the link exists, but the caller only ever hears the 500 (and so does every retry with the key)
                store.insertPaymentLink(link, null);
                throw StripeApiError.serverFault();
            }
            return new SandboxIdempotency.Outcome(200, Json.write(json(link, params)), link);
        };
        return idempotency.handle(request, validation, execution);
    }

    public SandboxResponse update(ApiRequest request, String id) {
        var params = request.bodyParameters();
        var active = new Boolean[1];
        SandboxIdempotency.Validation validation = () -> active[0] = updates.validate(id, params,
                request.account());
        SandboxIdempotency.Execution execution = () -> {
            if (request.failure() == SandboxServerFailure.BEFORE_CREATING) {
                throw StripeApiError.serverFault();
            }
            var link = updates.update(id, active[0]);
            if (request.failure() == SandboxServerFailure.AFTER_CREATING) {
                throw StripeApiError.serverFault();
            }
            return new SandboxIdempotency.Outcome(200, Json.write(json(link, params)), null);
        };
        return idempotency.handle(request, validation, execution);
    }

    public SandboxResponse retrieve(ApiRequest request, String id) {
        return request.json(200, json(visibleLink(id, request.account()), request.query()));
    }

    public SandboxResponse lineItems(ApiRequest request, String id) {
        return request.json(200, StripeObjects.lineItems(visibleLink(id, request.account())));
    }

    /** Newest first; Stripe's list has no filter by metadata or creation date: callers page instead. */
    public SandboxResponse list(ApiRequest request) {
        var params = request.query();
        ListPages.refuseUnknown(params, LIST_PARAMS);
        ListPages.limit(params);
        var links = store.paymentLinks(1_000).stream()
                .filter(link -> Objects.equals(link.stripeAccount(), request.account()))
                .filter(link -> !(params.get("active") instanceof String active)
                        || Boolean.parseBoolean(active) == link.active())
                .map(link -> StripeObjects.paymentLink(link, checkoutUrl.apply(link.id()), false))
                .toList();
        return request.json(200, ListPages.page(links, params, "/v1/payment_links"));
    }

    private Map<String, Object> json(SandboxPaymentLink link, Map<String, Object> params) {
        return StripeObjects.paymentLink(link, checkoutUrl.apply(link.id()),
                PaymentLinkParameters.expandsLineItems(params));
    }

    private SandboxPaymentLink visibleLink(String id, String account) {
        return store.findPaymentLink(id)
                .filter(link -> Objects.equals(link.stripeAccount(), account))
                .orElseThrow(() -> StripeApiError.notFound("payment_link", id, "id"));
    }
}
