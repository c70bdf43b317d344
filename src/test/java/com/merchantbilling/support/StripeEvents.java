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
            json.add("metadata", metadata);
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
