package com.merchantbilling.stripesandbox.internal.payments;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import java.util.Set;

import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.api.ListPages;
import com.merchantbilling.stripesandbox.internal.events.EventLog;
import com.merchantbilling.stripesandbox.internal.store.SandboxEvent;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * What a card payment leaves at Stripe besides its Checkout Session: a succeeded PaymentIntent with one Charge,
 * and later refunds and disputes of that charge. {@code GET /v1/payment_intents/{id}} ({@code latest_charge} an id
 * unless expanded, Stripe API reference "Retrieve a PaymentIntent"), {@code GET /v1/charges/{id}},
 * {@code GET /v1/disputes} (filters {@code charge}, {@code payment_intent}, {@code created}, "List all disputes")
 * and {@code GET /v1/disputes/{id}}, each on the request's account only (another account's object is a 404
 * resource_missing, as on Stripe).
 * <p>
 * The sandbox keeps no tables for them: the intent and its charge follow from the completed session (the charge
 * takes the intent's id suffix), and what happened to them since is the newest {@code charge.refunded} and
 * {@code charge.dispute.*} event the sandbox emitted about them, the same objects its webhooks carried. The
 * Dashboard's actions ({@link #refund}, {@link #dispute}, {@link #closeDispute}) emit those events.
 */
public final class SandboxPayments {

    private static final Set<String> RETRIEVE_PARAMS = Set.of("expand", "client_secret");
    private static final Set<String> DISPUTE_LIST_PARAMS = Set.of("charge", "payment_intent", "created", "limit",
            "starting_after", "ending_before", "expand");

    private final SandboxStore store;
    private final EventLog events;
    private final Clock clock;

    public SandboxPayments(SandboxStore store, EventLog events, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.events = Objects.requireNonNull(events);
        this.clock = Objects.requireNonNull(clock);
    }

    public static String chargeId(String paymentIntentId) {
        return "ch_" + paymentIntentId.substring(paymentIntentId.indexOf('_') + 1);
    }

    private static String paymentIntentOfCharge(String chargeId) {
        return "pi_" + chargeId.substring(chargeId.indexOf('_') + 1);
    }

    // ---- API

    public SandboxResponse retrievePaymentIntent(ApiRequest request, String id) {
        ListPages.refuseUnknown(request.query(), RETRIEVE_PARAMS);
        var session = session(request, id, "payment_intent");
        boolean expandCharge = expands(request.query(), "latest_charge");
        return request.json(200, paymentIntent(session, expandCharge));
    }

    public SandboxResponse retrieveCharge(ApiRequest request, String id) {
        ListPages.refuseUnknown(request.query(), Set.of("expand"));
        var session = session(request, paymentIntentOfCharge(id), "charge");
        if (!chargeId(session.paymentIntentId()).equals(id)) {
            throw StripeApiError.notFound("charge", id, "id");
        }
        return request.json(200, charge(session));
    }

    public SandboxResponse listDisputes(ApiRequest request) {
        var params = request.query();
        ListPages.refuseUnknown(params, DISPUTE_LIST_PARAMS);
        ListPages.limit(params);
        String intent = params.get("payment_intent") instanceof String pi ? pi
                : params.get("charge") instanceof String ch ? paymentIntentOfCharge(ch) : null;
        if (intent == null) {
            // the sandbox finds disputes through their payment; Stripe would list every dispute of the account
            throw StripeApiError.invalid("The Stripe sandbox lists the disputes of one payment only: pass "
                    + "payment_intent or charge.", "payment_intent", null);
        }
        var session = store.findCheckoutSessionByPaymentIntent(intent)
                .filter(found -> Objects.equals(found.stripeAccount(), request.account()));
        List<Map<String, Object>> disputes = session.map(found -> disputes(found.paymentIntentId()).reversed())
                .orElse(List.of());
        return request.json(200, ListPages.page(disputes, params, "/v1/disputes"));
    }

    public SandboxResponse retrieveDispute(ApiRequest request, String id) {
        ListPages.refuseUnknown(request.query(), Set.of("expand"));
        return store.events(request.account(), 0).stream()
                .filter(event -> event.type().startsWith("charge.dispute.") && event.objectId().equals(id))
                .findFirst()
                .map(event -> request.json(200, object(event)))
                .orElseThrow(() -> StripeApiError.notFound("dispute", id, "id"));
    }

    // ---- the Dashboard's actions

    /**
     * Refunds part or all of the payment (Stripe: "Create a refund"; the charge's {@code amount_refunded} grows and
     * {@code refunded} turns true when all is refunded) and emits {@code charge.refunded} with the charge.
     */
    public Map<String, Object> refund(String paymentIntentId, long amount) {
        var session = store.findCheckoutSessionByPaymentIntent(paymentIntentId)
                .orElseThrow(() -> new IllegalArgumentException("No payment " + paymentIntentId));
        var charge = charge(session);
        long refunded = ((Number) charge.get("amount_refunded")).longValue() + amount;
        if (amount <= 0 || refunded > session.amountTotal()) {
            throw new IllegalArgumentException("Refund of " + amount + " exceeds what is left of " + paymentIntentId);
        }
        charge.put("amount_refunded", refunded);
        charge.put("refunded", refunded == session.amountTotal());
        events.emit("charge.refunded", session.stripeAccount(), charge, paymentIntentId);
        return charge;
    }

    /** A buyer disputes the charge: {@code charge.dispute.created} with a dispute in {@code needs_response}. */
    public Map<String, Object> dispute(String paymentIntentId) {
        var session = store.findCheckoutSessionByPaymentIntent(paymentIntentId)
                .orElseThrow(() -> new IllegalArgumentException("No payment " + paymentIntentId));
        var dispute = new LinkedHashMap<String, Object>();
        dispute.put("id", "dp_" + Ids.random(24));
        dispute.put("object", "dispute");
        dispute.put("amount", session.amountTotal());
        dispute.put("charge", chargeId(paymentIntentId));
        dispute.put("created", clock.instant().getEpochSecond());
        dispute.put("currency", session.currency());
        dispute.put("is_charge_refundable", false);
        dispute.put("livemode", false);
        dispute.put("metadata", Map.of());
        dispute.put("payment_intent", paymentIntentId);
        dispute.put("reason", "fraudulent");
        dispute.put("status", "needs_response");
        events.emit("charge.dispute.created", session.stripeAccount(), dispute, paymentIntentId);
        return dispute;
    }

    /** The dispute ends {@code won} or {@code lost}: {@code charge.dispute.closed}. */
    public Map<String, Object> closeDispute(String paymentIntentId, String disputeId, String status) {
        if (!Set.of("won", "lost").contains(status)) {
            throw new IllegalArgumentException("A dispute closes won or lost, not " + status);
        }
        var session = store.findCheckoutSessionByPaymentIntent(paymentIntentId)
                .orElseThrow(() -> new IllegalArgumentException("No payment " + paymentIntentId));
        var dispute = disputes(paymentIntentId).stream().filter(found -> disputeId.equals(found.get("id")))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("No dispute " + disputeId));
        dispute.put("status", status);
        events.emit("charge.dispute.closed", session.stripeAccount(), dispute, paymentIntentId);
        return dispute;
    }

    // ---- objects

    private SandboxCheckoutSession session(ApiRequest request, String paymentIntentId, String objectName) {
        return store.findCheckoutSessionByPaymentIntent(paymentIntentId)
                .filter(found -> Objects.equals(found.stripeAccount(), request.account()))
                .orElseThrow(() -> StripeApiError.notFound(objectName, objectName.equals("charge")
                        ? chargeId(paymentIntentId) : paymentIntentId, "id"));
    }

    private Map<String, Object> paymentIntent(SandboxCheckoutSession session, boolean expandCharge) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", session.paymentIntentId());
        json.put("object", "payment_intent");
        json.put("amount", session.amountTotal());
        json.put("amount_capturable", 0);
        json.put("amount_received", session.amountTotal());
        json.put("capture_method", "automatic_async");
        json.put("confirmation_method", "automatic");
        json.put("created", session.created());
        json.put("currency", session.currency());
        json.put("customer", null);
        json.put("description", null);
        json.put("last_payment_error", null);
        json.put("latest_charge", expandCharge ? charge(session) : chargeId(session.paymentIntentId()));
        json.put("livemode", false);
        json.put("metadata", intentMetadata(session));
        json.put("payment_method_types", List.of("card"));
        json.put("status", "succeeded");
        return json;
    }

    /** The charge as paid, then as the newest charge.refunded event left it; disputed once any dispute exists. */
    private Map<String, Object> charge(SandboxCheckoutSession session) {
        var history = store.eventsOfPaymentIntent(session.paymentIntentId());
        var json = history.reversed().stream().filter(event -> event.type().equals("charge.refunded")).findFirst()
                .map(SandboxPayments::object)
                .orElseGet(() -> newCharge(session));
        json.put("disputed", history.stream().anyMatch(event -> event.type().startsWith("charge.dispute.")));
        return json;
    }

    private Map<String, Object> newCharge(SandboxCheckoutSession session) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", chargeId(session.paymentIntentId()));
        json.put("object", "charge");
        json.put("amount", session.amountTotal());
        json.put("amount_captured", session.amountTotal());
        json.put("amount_refunded", 0);
        json.put("balance_transaction", null);
        json.put("captured", true);
        json.put("created", session.created());
        json.put("currency", session.currency());
        json.put("customer", null);
        json.put("disputed", false);
        json.put("livemode", false);
        json.put("metadata", intentMetadata(session));
        json.put("paid", true);
        json.put("payment_intent", session.paymentIntentId());
        json.put("payment_method_details", Map.of("type", "card"));
        json.put("refunded", false);
        json.put("status", "succeeded");
        return json;
    }

    /** Each dispute as its newest event left it, oldest dispute first. */
    private List<Map<String, Object>> disputes(String paymentIntentId) {
        var latest = new LinkedHashMap<String, Map<String, Object>>();
        for (var event : store.eventsOfPaymentIntent(paymentIntentId)) {
            if (event.type().startsWith("charge.dispute.")) {
                latest.put(event.objectId(), object(event));
            }
        }
        return List.copyOf(latest.values());
    }

    /**
     * Stripe copies the link's {@code payment_intent_data.metadata} to the payment intent and its charge (Stripe API
     * reference, "Create a payment link": payment_intent_data.metadata).
     */
    private Map<String, Object> intentMetadata(SandboxCheckoutSession session) {
        return store.findPaymentLink(session.paymentLinkId())
                .map(link -> link.otherParameters().get("payment_intent_data"))
                .filter(Map.class::isInstance).map(data -> ((Map<?, ?>) data).get("metadata"))
                .filter(Map.class::isInstance)
                .map(metadata -> {
                    var copy = new LinkedHashMap<String, Object>();
                    ((Map<?, ?>) metadata).forEach((key, value) -> copy.put(String.valueOf(key), value));
                    return (Map<String, Object>) copy;
                })
                .orElseGet(LinkedHashMap::new);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(SandboxEvent event) {
        var data = (Map<String, Object>) Json.readObject(event.payload()).get("data");
        return new LinkedHashMap<>((Map<String, Object>) data.get("object"));
    }

    private static boolean expands(Map<String, Object> params, String field) {
        return params.get("expand") instanceof List<?> list && list.contains(field);
    }
}
