package com.merchantbilling.support;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.stripe.Stripe;
import com.stripe.net.Webhook;

/** Builds Stripe webhook payloads and Stripe-Signature headers the way Stripe does. */
public final class StripeEvents {

    private static final Gson GSON = new Gson();

    private StripeEvents() {
    }

    /** A Checkout Session as Stripe renders it; mutate with the fluent setters. */
    public static final class CheckoutSession {
        private final JsonObject json = new JsonObject();
        private final JsonObject metadata = new JsonObject();

        public CheckoutSession(String paymentLinkId, long amountTotal, String currency) {
            json.addProperty("id", "cs_test_" + UUID.randomUUID().toString().replace("-", ""));
            json.addProperty("object", "checkout.session");
            json.addProperty("payment_link", paymentLinkId);
            json.addProperty("payment_status", "paid");
            json.addProperty("status", "complete");
            json.addProperty("mode", "payment");
            json.addProperty("amount_total", amountTotal);
            json.addProperty("currency", currency.toLowerCase());
            json.addProperty("created", Instant.now().getEpochSecond());
            // a completed session in payment mode has its payment intent (Stripe API reference, Checkout Session)
            json.addProperty("payment_intent", "pi_test_" + UUID.randomUUID().toString().replace("-", ""));
            json.add("metadata", metadata);
        }

        /** Metadata entries, as Stripe copies them from the payment link (e.g. PaymentLinkMetadata.toMap()). */
        public CheckoutSession metadata(Map<String, String> entries) {
            entries.forEach(metadata::addProperty);
            return this;
        }

        public String paymentIntentId() {
            return json.get("payment_intent").getAsString();
        }

        public CheckoutSession invoiceId(Object invoiceId) {
            metadata.addProperty("invoice_id", String.valueOf(invoiceId));
            return this;
        }

        public CheckoutSession paymentStatus(String status) {
            json.addProperty("payment_status", status);
            return this;
        }

        public String id() {
            return json.get("id").getAsString();
        }

        public JsonObject json() {
            return json.deepCopy();
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    /**
     * A Charge as charge.refunded carries it (Stripe API reference, "The Charge object": amount,
     * amount_refunded, refunded, payment_intent; refunds are not included unless expanded).
     */
    public static JsonObject charge(String paymentIntentId, long amount, long amountRefunded, String currency) {
        var json = new JsonObject();
        json.addProperty("id", "ch_test_" + UUID.randomUUID().toString().replace("-", ""));
        json.addProperty("object", "charge");
        json.addProperty("amount", amount);
        json.addProperty("amount_captured", amount);
        json.addProperty("amount_refunded", amountRefunded);
        json.addProperty("refunded", amountRefunded >= amount);
        json.addProperty("currency", currency.toLowerCase());
        json.addProperty("paid", true);
        json.addProperty("status", "succeeded");
        json.addProperty("disputed", false);
        json.addProperty("payment_intent", paymentIntentId);
        json.addProperty("created", Instant.now().getEpochSecond());
        return json;
    }

    /** A Refund as charge.refund.updated carries it ("The Refund object": amount, charge, payment_intent, status). */
    public static JsonObject refund(String refundId, String paymentIntentId, long amount, String currency,
            String status) {
        var json = new JsonObject();
        json.addProperty("id", refundId);
        json.addProperty("object", "refund");
        json.addProperty("amount", amount);
        json.addProperty("currency", currency.toLowerCase());
        json.addProperty("charge", "ch_test_for_" + paymentIntentId);
        json.addProperty("payment_intent", paymentIntentId);
        json.addProperty("status", status);
        json.addProperty("created", Instant.now().getEpochSecond());
        return json;
    }

    /** A Dispute ("The Dispute object": charge, payment_intent, status needs_response ... won, lost). */
    public static JsonObject dispute(String disputeId, String paymentIntentId, long amount, String currency,
            String status) {
        var json = new JsonObject();
        json.addProperty("id", disputeId);
        json.addProperty("object", "dispute");
        json.addProperty("amount", amount);
        json.addProperty("currency", currency.toLowerCase());
        json.addProperty("charge", "ch_test_for_" + paymentIntentId);
        json.addProperty("payment_intent", paymentIntentId);
        json.addProperty("reason", "fraudulent");
        json.addProperty("status", status);
        json.addProperty("created", Instant.now().getEpochSecond());
        return json;
    }

    /** A PaymentIntent whose last attempt was declined (payment_intent.payment_failed). */
    public static JsonObject failedPaymentIntent(String paymentIntentId, Map<String, String> metadata, long amount,
            String currency) {
        var json = new JsonObject();
        json.addProperty("id", paymentIntentId);
        json.addProperty("object", "payment_intent");
        json.addProperty("amount", amount);
        json.addProperty("currency", currency.toLowerCase());
        json.addProperty("status", "requires_payment_method");
        var error = new JsonObject();
        error.addProperty("type", "card_error");
        error.addProperty("code", "card_declined");
        error.addProperty("decline_code", "generic_decline");
        error.addProperty("message", "Your card was declined.");
        json.add("last_payment_error", error);
        var meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        json.add("metadata", meta);
        return json;
    }

    /** Any event around the given object, created at the given second (Stripe's event times are seconds). */
    public static String event(String type, JsonObject object, String account, long created) {
        var event = new JsonObject();
        event.addProperty("id", newEventId());
        event.addProperty("object", "event");
        event.addProperty("api_version", Stripe.API_VERSION);
        event.addProperty("created", created);
        event.addProperty("type", type);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        if (account != null) {
            event.addProperty("account", account);
        }
        var data = new JsonObject();
        data.add("object", object);
        event.add("data", data);
        return GSON.toJson(event);
    }

    /** The event payload, compact as Stripe sends it. */
    public static String event(String eventId, String type, CheckoutSession session, String account,
            String apiVersion) {
        var event = new JsonObject();
        event.addProperty("id", eventId);
        event.addProperty("object", "event");
        event.addProperty("api_version", apiVersion);
        event.addProperty("created", Instant.now().getEpochSecond());
        event.addProperty("type", type);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        if (account != null) {
            event.addProperty("account", account);
        }
        var data = new JsonObject();
        data.add("object", session.json());
        event.add("data", data);
        return GSON.toJson(event);
    }

    public static String completed(CheckoutSession session) {
        return event(newEventId(), "checkout.session.completed", session, null, Stripe.API_VERSION);
    }

    public static String completed(CheckoutSession session, String account) {
        return event(newEventId(), "checkout.session.completed", session, account, Stripe.API_VERSION);
    }

    public static String newEventId() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String eventId(String payload) {
        return GSON.fromJson(payload, JsonObject.class).get("id").getAsString();
    }

    /** "t=...,v1=..." signed now. */
    public static String signature(String payload, String secret) {
        return signature(payload, Instant.now().getEpochSecond(), Map.of("v1", secret));
    }

    public static String signature(String payload, long timestamp, String secret) {
        return signature(payload, timestamp, Map.of("v1", secret));
    }

    /** During a secret rotation Stripe signs with every active secret: one v1 entry each. */
    public static String signatureWithSecrets(String payload, String... secrets) {
        long timestamp = Instant.now().getEpochSecond();
        var header = new StringBuilder("t=" + timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, timestamp + "." + payload));
        }
        return header.toString();
    }

    private static String signature(String payload, long timestamp, Map<String, String> schemeToSecret) {
        var header = new StringBuilder("t=" + timestamp);
        schemeToSecret.forEach((scheme, secret) -> header.append(',').append(scheme).append('=')
                .append(hmac(secret, timestamp + "." + payload)));
        return header.toString();
    }

    private static String hmac(String secret, String signedPayload) {
        try {
            return Webhook.Util.computeHmacSha256(secret, signedPayload);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
