package com.merchantbilling.stripesandbox.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.SandboxPaymentLink.LineItem;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.stripe.Stripe;

/**
 * The JSON shapes of Stripe's objects, with the fields of stripe-java 33.3.0's models (com.stripe.model.PaymentLink,
 * LineItem, Price, checkout.Session, Event) and none they lack. Field defaults are what
 * Stripe answers for a link created with just line items.
 */
public final class StripeObjects {

    private StripeObjects() {
    }

    public static Map<String, Object> paymentLink(SandboxPaymentLink link, String url, boolean withLineItems) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", link.id());
        json.put("object", "payment_link");
        json.put("active", link.active());
        json.put("after_completion", obj("hosted_confirmation", obj("custom_message", null),
                "type", "hosted_confirmation"));
        json.put("allow_promotion_codes", false);
        json.put("application", null);
        json.put("application_fee_amount", null);
        json.put("application_fee_percent", null);
        json.put("automatic_tax", obj("enabled", false, "liability", null));
        json.put("billing_address_collection", "auto");
        json.put("consent_collection", null);
        // no "created": Stripe's payment_link object has none (stripe-java 33.3.0's com.stripe.model.PaymentLink has
        // no such field, nor do stripe-go's PaymentLink and stripe-node's types/PaymentLinks.d.ts, all generated
        // from Stripe's OpenAPI spec); the sandbox keeps its own creation time only to list links newest first
        json.put("currency", link.currency());
        json.put("custom_fields", List.of());
        json.put("custom_text", obj("after_submit", null, "shipping_address", null, "submit", null,
                "terms_of_service_acceptance", null));
        json.put("customer_creation", "if_required");
        json.put("inactive_message", null);
        json.put("invoice_creation", null);
        json.put("livemode", false);
        json.put("metadata", link.metadata());
        json.put("on_behalf_of", null);
        json.put("optional_items", List.of());
        json.put("payment_intent_data", null);
        json.put("payment_method_collection", "always");
        json.put("payment_method_types", link.paymentMethodTypes());
        json.put("phone_number_collection", Map.of("enabled", false));
        json.put("restrictions", link.completedSessionsLimit() == null ? null
                : Map.of("completed_sessions", Map.of("count", link.completedSessionsCount(),
                        "limit", link.completedSessionsLimit())));
        json.put("shipping_address_collection", null);
        json.put("shipping_options", List.of());
        json.put("submit_type", "auto");
        json.put("subscription_data", null);
        json.put("tax_id_collection", Map.of("enabled", false, "required", "never"));
        json.put("transfer_data", null);
        json.put("url", url);
        // what the caller set beyond the modelled fields comes back as sent, like Stripe echoes its settings
        json.putAll(link.otherParameters());
        if (withLineItems) {
            json.put("line_items", lineItems(link));
        }
        return json;
    }

    public static Map<String, Object> lineItems(SandboxPaymentLink link) {
        return list(link.lineItems().stream().map(item -> lineItem(link, item)).toList(), false,
                "/v1/payment_links/" + link.id() + "/line_items");
    }

    private static Map<String, Object> lineItem(SandboxPaymentLink link, LineItem item) {
        var price = new LinkedHashMap<String, Object>();
        price.put("id", item.priceId());
        price.put("object", "price");
        price.put("active", false);
        price.put("billing_scheme", "per_unit");
        price.put("created", link.created());
        price.put("currency", link.currency());
        price.put("custom_unit_amount", null);
        price.put("livemode", false);
        price.put("lookup_key", null);
        price.put("metadata", Map.of());
        price.put("nickname", null);
        price.put("product", item.productId());
        price.put("recurring", null);
        price.put("tax_behavior", "unspecified");
        price.put("tiers_mode", null);
        price.put("transform_quantity", null);
        price.put("type", "one_time");
        price.put("unit_amount", item.unitAmount());
        price.put("unit_amount_decimal", String.valueOf(item.unitAmount()));
        var json = new LinkedHashMap<String, Object>();
        json.put("id", item.id());
        json.put("object", "item");
        json.put("amount_discount", 0);
        json.put("amount_subtotal", item.amountTotal());
        json.put("amount_tax", 0);
        json.put("amount_total", item.amountTotal());
        json.put("currency", link.currency());
        json.put("description", item.productName());
        json.put("price", price);
        json.put("quantity", item.quantity());
        return json;
    }

    public static Map<String, Object> checkoutSession(SandboxCheckoutSession session) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", session.id());
        json.put("object", "checkout.session");
        json.put("amount_subtotal", session.amountTotal());
        json.put("amount_total", session.amountTotal());
        json.put("automatic_tax", obj("enabled", false, "liability", null, "status", null));
        json.put("cancel_url", null);
        json.put("client_reference_id", null);
        json.put("created", session.created());
        json.put("currency", session.currency());
        json.put("customer", null);
        json.put("customer_creation", "if_required");
        json.put("customer_details", obj("address", null, "email", session.customerEmail(), "name", null,
                "phone", null, "tax_exempt", "none", "tax_ids", List.of()));
        json.put("customer_email", null);
        json.put("expires_at", session.created() + 24 * 60 * 60);
        json.put("livemode", false);
        json.put("locale", null);
        json.put("metadata", session.metadata());
        json.put("mode", "payment");
        json.put("payment_intent", session.paymentIntentId());
        json.put("payment_link", session.paymentLinkId());
        json.put("payment_method_collection", "always");
        json.put("payment_method_types", List.of("card"));
        json.put("payment_status", "paid");
        json.put("status", "complete");
        json.put("submit_type", "auto");
        json.put("subscription", null);
        json.put("success_url", null);
        json.put("total_details", Map.of("amount_discount", 0, "amount_shipping", 0, "amount_tax", 0));
        json.put("ui_mode", "hosted");
        json.put("url", null);
        return json;
    }

    public static Map<String, Object> event(String id, String type, long created, String account,
            Map<String, Object> object) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", id);
        json.put("object", "event");
        if (account != null) {
            json.put("account", account);
        }
        // the version stripe-java was generated for: only then does it deserialize data.object
        json.put("api_version", Stripe.API_VERSION);
        json.put("created", created);
        json.put("data", Map.of("object", object));
        json.put("livemode", false);
        json.put("pending_webhooks", 1);
        json.put("request", obj("id", null, "idempotency_key", null));
        json.put("type", type);
        return json;
    }

    public static Map<String, Object> list(List<? extends Map<String, Object>> data, boolean hasMore, String url) {
        var json = new LinkedHashMap<String, Object>();
        json.put("object", "list");
        json.put("data", data);
        json.put("has_more", hasMore);
        json.put("url", url);
        return json;
    }

    /** A JSON object from name/value pairs; values may be null, as Stripe writes absent fields. */
    private static Map<String, Object> obj(Object... namesAndValues) {
        var json = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            json.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return json;
    }
}
