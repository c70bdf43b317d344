package com.merchantbilling.stripesandbox.internal.paymentlinks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.merchantbilling.stripesandbox.SandboxPaymentLink.LineItem;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.internal.Currencies;
import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.StripeApiError;

/**
 * Reads and checks the parameters of {@code POST /v1/payment_links} the way Stripe does, so a request the
 * sandbox accepts is one Stripe would accept too (for the parameters the application sends).
 */
public final class PaymentLinkParameters {

    /** Stripe's create parameters; anything else is refused as Stripe refuses unknown parameters. */
    private static final Set<String> KNOWN = Set.of("after_completion", "allow_promotion_codes",
            "application_fee_amount", "application_fee_percent", "automatic_tax", "billing_address_collection",
            "consent_collection", "currency", "custom_fields", "custom_text", "customer_creation", "expand",
            "inactive_message", "invoice_creation", "line_items", "managed_payments", "metadata",
            "name_collection", "on_behalf_of", "optional_items", "payment_intent_data",
            "payment_method_collection", "payment_method_options", "payment_method_types",
            "phone_number_collection", "restrictions", "shipping_address_collection", "shipping_options",
            "submit_type", "subscription_data", "tax_id_collection", "transfer_data");

    /** Modelled by the sandbox; every other known parameter is echoed back as sent. */
    private static final Set<String> MODELLED = Set.of("currency", "expand", "line_items", "metadata",
            "payment_method_types", "restrictions");

    private static final long MAX_AMOUNT = 99_999_999L;
    private static final int MAX_LINE_ITEMS = 20;

    private PaymentLinkParameters() {
    }

    public static SandboxPaymentLink read(Map<String, Object> params, String id, String stripeAccount, long now) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw StripeApiError.invalid("Received unknown parameter: " + name, name, "parameter_unknown");
            }
        }
        expandsLineItems(params);
        List<LineItem> lineItems = lineItems(params.get("line_items"));
        String currency = currencyOf(params, lineItems);
        long total = 0;
        for (var item : lineItems) {
            total += item.amountTotal();
        }
        if (total > MAX_AMOUNT) {
            throw StripeApiError.invalid("The total amount of the payment link must be no more than "
                    + MAX_AMOUNT + " in the currency's smallest unit.", "line_items", "amount_too_large");
        }
        var metadata = metadata(params.get("metadata"), "metadata");
        Object paymentIntentData = params.get("payment_intent_data");
        if (paymentIntentData instanceof Map<?, ?> data) {
            metadata(data.get("metadata"), "payment_intent_data[metadata]");
        }
        var others = new LinkedHashMap<String, Object>();
        params.forEach((name, value) -> {
            if (!MODELLED.contains(name)) {
                others.put(name, value);
            }
        });
        return new SandboxPaymentLink(id, stripeAccount, now, true, currency, lineItems, metadata,
                paymentMethodTypes(params.get("payment_method_types")), completedSessionsLimit(params), 0, others);
    }

    /** {@code expand[]=line_items} is the only expansion a payment link has. */
    public static boolean expandsLineItems(Map<String, Object> params) {
        Object expand = params.get("expand");
        if (expand == null) {
            return false;
        }
        if (!(expand instanceof List<?> fields)) {
            throw StripeApiError.invalid("Invalid array", "expand", null);
        }
        for (Object field : fields) {
            if (!"line_items".equals(field)) {
                throw StripeApiError.invalid("This property cannot be expanded (" + field + ").", "expand", null);
            }
        }
        return !fields.isEmpty();
    }

    private static List<LineItem> lineItems(Object value) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw StripeApiError.missing("line_items");
        }
        if (!(value instanceof List<?> items)) {
            throw StripeApiError.invalid("Invalid array", "line_items", null);
        }
        if (items.size() > MAX_LINE_ITEMS) {
            throw StripeApiError.invalid("A payment link can have at most " + MAX_LINE_ITEMS + " line items.",
                    "line_items", null);
        }
        var lineItems = new ArrayList<LineItem>();
        for (int i = 0; i < items.size(); i++) {
            String at = "line_items[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw StripeApiError.invalid("Invalid object", at, null);
            }
            for (Object name : item.keySet()) {
                if (!Set.of("price", "price_data", "quantity", "adjustable_quantity").contains(name)) {
                    throw StripeApiError.invalid("Received unknown parameter: " + at + "[" + name + "]",
                            at + "[" + name + "]", "parameter_unknown");
                }
            }
            if (item.get("price") instanceof String price && !price.isEmpty()) {
                // the sandbox has no catalogue: every price is made up from price_data
                throw StripeApiError.notFound("price", price, at + "[price]");
            }
            if (!(item.get("price_data") instanceof Map<?, ?> priceData)) {
                throw StripeApiError.missing(at + "[price_data]");
            }
            String currency = string(priceData.get("currency"));
            if (currency == null || currency.isEmpty()) {
                throw StripeApiError.missing(at + "[price_data][currency]");
            }
            if (!Currencies.isSupported(currency)) {
                throw StripeApiError.invalid("Invalid currency: " + currency + ". Stripe currently supports "
                        + "these currencies as lower-case ISO 4217 codes, for example usd, eur, jpy.",
                        at + "[price_data][currency]", null);
            }
            if (priceData.get("recurring") != null) {
                throw StripeApiError.invalid("The Stripe sandbox only supports one-time prices.",
                        at + "[price_data][recurring]", null);
            }
            if (priceData.get("product") instanceof String product && !product.isEmpty()) {
                throw StripeApiError.notFound("product", product, at + "[price_data][product]");
            }
            String name = priceData.get("product_data") instanceof Map<?, ?> product
                    ? string(product.get("name")) : null;
            if (name == null || name.isBlank()) {
                throw StripeApiError.missing(at + "[price_data][product_data][name]");
            }
            long unitAmount = integer(priceData.get("unit_amount"), at + "[price_data][unit_amount]");
            if (unitAmount <= 0) {
                throw StripeApiError.invalid("This value must be greater than or equal to 1.",
                        at + "[price_data][unit_amount]", null);
            }
            long quantity = integer(item.get("quantity"), at + "[quantity]");
            if (quantity < 1) {
                throw StripeApiError.invalid("This value must be greater than or equal to 1.", at + "[quantity]",
                        null);
            }
            if (unitAmount > MAX_AMOUNT || quantity > MAX_AMOUNT) {
                throw StripeApiError.invalid("The total amount of the payment link must be no more than "
                        + MAX_AMOUNT + " in the currency's smallest unit.", at, "amount_too_large");
            }
            lineItems.add(new LineItem(Ids.lineItem(), Ids.price(), Ids.product(), name, unitAmount, quantity));
        }
        if (lineItems.isEmpty()) {
            throw StripeApiError.missing("line_items");
        }
        return lineItems;
    }

    private static String currencyOf(Map<String, Object> params, List<LineItem> lineItems) {
        // line items were read in order, so their currencies are checked against the first
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) params.get("line_items");
        String currency = null;
        for (int i = 0; i < items.size(); i++) {
            String itemCurrency = (String) ((Map<?, ?>) items.get(i).get("price_data")).get("currency");
            if (currency == null) {
                currency = itemCurrency;
            } else if (!currency.equals(itemCurrency)) {
                throw StripeApiError.invalid("All prices on a payment link must have the same currency.",
                        "line_items[" + i + "][price_data][currency]", null);
            }
        }
        Object requested = params.get("currency");
        if (requested != null && !currency.equals(requested)) {
            throw StripeApiError.invalid("The currency must match the currency of the line items (" + currency
                    + ").", "currency", null);
        }
        return currency;
    }

    private static Map<String, String> metadata(Object value, String param) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw StripeApiError.invalid("Invalid object", param, null);
        }
        if (map.size() > 50) {
            throw StripeApiError.invalid("Metadata can have at most 50 keys.", param, null);
        }
        var metadata = new LinkedHashMap<String, String>();
        map.forEach((key, entry) -> {
            String name = (String) key;
            if (!(entry instanceof String text)) {
                throw StripeApiError.invalid("Invalid string", param + "[" + name + "]", null);
            }
            if (name.length() > 40) {
                throw StripeApiError.invalid("Metadata keys can be at most 40 characters long.",
                        param + "[" + name + "]", null);
            }
            if (text.length() > 500) {
                throw StripeApiError.invalid("Metadata values can be at most 500 characters long.",
                        param + "[" + name + "]", null);
            }
            metadata.put(name, text);
        });
        return metadata;
    }

    private static List<String> paymentMethodTypes(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> types)) {
            throw StripeApiError.invalid("Invalid array", "payment_method_types", null);
        }
        var result = new ArrayList<String>();
        for (int i = 0; i < types.size(); i++) {
            if (!(types.get(i) instanceof String type) || !type.matches("[a-z_]{2,40}")) {
                throw StripeApiError.invalid("Invalid payment_method_types[" + i + "]",
                        "payment_method_types[" + i + "]", null);
            }
            result.add(type);
        }
        return result;
    }

    private static Long completedSessionsLimit(Map<String, Object> params) {
        if (!(params.get("restrictions") instanceof Map<?, ?> restrictions)
                || !(restrictions.get("completed_sessions") instanceof Map<?, ?> completed)) {
            if (params.get("restrictions") != null && !"".equals(params.get("restrictions"))) {
                throw StripeApiError.missing("restrictions[completed_sessions]");
            }
            return null;
        }
        String param = "restrictions[completed_sessions][limit]";
        long limit = integer(completed.get("limit"), param);
        if (limit < 1) {
            throw StripeApiError.invalid("This value must be greater than or equal to 1.", param, null);
        }
        return limit;
    }

    private static long integer(Object value, String param) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw StripeApiError.missing(param);
        }
        try {
            return Long.parseLong((String) value);
        } catch (ClassCastException | NumberFormatException e) {
            throw StripeApiError.invalid("Invalid integer: " + value, param, "parameter_invalid_integer");
        }
    }

    private static String string(Object value) {
        return value instanceof String text ? text : null;
    }
}
