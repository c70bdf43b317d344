package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import com.stripe.model.LineItem;
import com.stripe.model.PaymentLink;
import com.stripe.model.Price;
import com.stripe.model.checkout.Session;

/**
 * The sandbox's JSON has only fields Stripe's objects have: the names come from stripe-java 33.3.0's models, which
 * are generated from Stripe's OpenAPI spec, so an invented field (such as a payment link's {@code created}) fails.
 */
class StripeObjectShapesTests {

    private static final String KEY = "sk_test_shapes";
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);

    private final SandboxStripe sandbox = SandboxStripe.inMemory(KEY, "http://localhost:8080", Clock.systemUTC(),
            new SandboxStripe.WebhookRetry(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)));

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void aPaymentLinkHasStripesFieldsOnlyAndNoCreated() {
        var link = createLink();

        assertThat(link.keySet()).isSubsetOf(fieldsOf(PaymentLink.class)).doesNotContain("created")
                .contains("id", "object", "active", "currency", "metadata", "url", "restrictions");
        var expanded = object(sandbox.handle("GET", "/v1/payment_links/" + id(link), AUTH, "expand[]=line_items",
                null));
        assertThat(expanded.keySet()).isSubsetOf(fieldsOf(PaymentLink.class)).contains("line_items");
        var item = expanded.getAsJsonObject("line_items").getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(item.keySet()).isSubsetOf(fieldsOf(LineItem.class)).contains("amount_total", "price");
        assertThat(item.getAsJsonObject("price").keySet()).isSubsetOf(fieldsOf(Price.class)).contains("created");
    }

    @Test
    void aCheckoutSessionHasStripesFieldsOnly() {
        String linkId = id(createLink());
        assertThat(sandbox.pay(linkId, SandboxStripe.SUCCEEDING_CARD).paid()).isTrue();

        var list = object(sandbox.handle("GET", "/v1/checkout/sessions", AUTH, "payment_link=" + linkId, null));
        var session = list.getAsJsonArray("data").get(0).getAsJsonObject();

        assertThat(session.keySet()).isSubsetOf(fieldsOf(Session.class))
                .contains("id", "created", "payment_link", "payment_status", "metadata", "payment_intent");
    }

    private JsonObject createLink() {
        var response = sandbox.handle("POST", "/v1/payment_links", AUTH, null,
                "line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=2500"
                        + "&line_items[0][price_data][product_data][name]=Invoice+R-1&line_items[0][quantity]=1"
                        + "&restrictions[completed_sessions][limit]=1&metadata[invoice]=1");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return object(response);
    }

    private static JsonObject object(SandboxResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String id(JsonObject object) {
        return object.get("id").getAsString();
    }

    /** The JSON names stripe-java reads for a model. */
    private static Set<String> fieldsOf(Class<?> model) {
        return Arrays.stream(model.getDeclaredFields())
                .map(field -> field.getAnnotation(SerializedName.class))
                .filter(java.util.Objects::nonNull)
                .map(SerializedName::value)
                .collect(Collectors.toSet());
    }
}
