package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hosted checkout page through the core, without HTTP. */
class CheckoutPageTests {

    private static final String KEY = "sk_test_page";
    private final SandboxStripe sandbox = SandboxStripe.inMemory(KEY, "http://localhost:8080", Clock.systemUTC(),
            new SandboxStripe.WebhookRetry(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)));

    @AfterEach
    void close() {
        sandbox.close();
    }

    private String createLink(String currency, long amount, String name) {
        String form = "line_items[0][price_data][currency]=" + currency
                + "&line_items[0][price_data][unit_amount]=" + amount
                + "&line_items[0][price_data][product_data][name]=" + java.net.URLEncoder.encode(name,
                        java.nio.charset.StandardCharsets.UTF_8)
                + "&line_items[0][quantity]=1&restrictions[completed_sessions][limit]=1";
        var response = sandbox.handle("POST", "/v1/payment_links", Map.of("Authorization", "Bearer " + KEY), null,
                form);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id = response.body().replaceAll("(?s).*\"id\" : \"(plink_[A-Za-z0-9]+)\".*", "$1");
        assertThat(id).startsWith("plink_");
        assertThat(response.body()).contains("\"url\" : \"http://localhost:8080/stripe-sandbox/checkout/" + id + "\"");
        return id;
    }

    @Test
    void showsTheAmountWithTheCurrencysDecimalsAndTheTestCardForm() {
        String jpy = createLink("jpy", 15_000, "Invoice ST-2024-0001");
        String usd = createLink("usd", 123_450, "Invoice US-1");

        var page = sandbox.handle("GET", "/checkout/" + jpy, Map.of(), null, null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Stripe sandbox — no real money moves", "JPY 15,000",
                "Invoice ST-2024-0001", "id=\"card-number\"", "id=\"card-expiry\"", "id=\"card-cvc\"",
                "id=\"pay-button\"", "method=\"post\"", "action=\"/stripe-sandbox/checkout/" + jpy + "\"")
                .doesNotContain("JPY 15,000.00");
        assertThat(sandbox.handle("GET", "/checkout/" + usd, Map.of(), null, null).body()).contains("USD 1,234.50");
    }

    @Test
    void namesTheInvoiceOnceAndWrapsTheLongCheckoutSessionReference() {
        String id = createLink("jpy", 15_000, "Invoice ST-2024-0042");

        String form = sandbox.handle("GET", "/checkout/" + id, Map.of(), null, null).body();
        assertThat(visibleOccurrences(form, "Invoice ST-2024-0042")).as(form).isEqualTo(1);

        var paid = sandbox.handle("POST", "/checkout/" + id, Map.of(), null,
                "card_number=4242+4242+4242+4242&card_expiry=12+%2F+40&card_cvc=123");
        String receipt = sandbox.handle("GET", paid.header("Location").substring(SandboxStripe.MOUNT_PATH.length()),
                Map.of(), null, null).body();
        String sessionId = sandbox.checkoutSessions(id).getFirst().id();
        assertThat(sessionId).startsWith("cs_test_");
        assertThat(visibleOccurrences(receipt, "Invoice ST-2024-0042")).as(receipt).isEqualTo(1);
        assertThat(visibleOccurrences(receipt, "Payment successful")).as(receipt).isEqualTo(1);
        assertThat(receipt).contains("<code class=\"reference\" id=\"checkout-reference\">" + sessionId + "</code>");
        // the id is one long word: the card must break it rather than let it overflow
        assertThat(receipt).containsPattern("\\.reference \\{[^}]*overflow-wrap: anywhere");
    }

    /** Occurrences in what the page shows: the body, not the tab title. */
    private static int visibleOccurrences(String html, String text) {
        String body = html.substring(html.indexOf("<body>"));
        return body.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void escapesWhatTheMerchantWrote() {
        String id = createLink("usd", 500, "<script>alert('x')</script> & \"Co\"");

        String body = sandbox.handle("GET", "/checkout/" + id, Map.of(), null, null).body();

        assertThat(body).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;");
    }

    @Test
    void aFormPostPaysOnceAndTheLinkThenSaysItIsNoLongerActive() {
        String id = createLink("jpy", 15_000, "Invoice");

        var declined = sandbox.handle("POST", "/checkout/" + id, Map.of(), null,
                "email=a%40b.example&card_number=4000+0000+0000+0002&card_expiry=12+%2F+40&card_cvc=123");
        assertThat(declined.body()).contains("id=\"checkout-result\"", "Your card was declined.");
        assertThat(sandbox.checkoutSessions(id)).isEmpty();

        var invalid = sandbox.handle("POST", "/checkout/" + id, Map.of(), null,
                "card_number=4111+1111+1111+1111&card_expiry=12+%2F+40&card_cvc=123");
        assertThat(invalid.body()).contains("not a sandbox test card");
        var expired = sandbox.handle("POST", "/checkout/" + id, Map.of(), null,
                "card_number=4242424242424242&card_expiry=01+%2F+20&card_cvc=123");
        assertThat(expired.body()).contains("expiration date is in the past");

        var paid = sandbox.handle("POST", "/checkout/" + id, Map.of(), null,
                "email=buyer%40example.com&card_number=4242+4242+4242+4242&card_expiry=12+%2F+40&card_cvc=123");
        assertThat(paid.status()).isEqualTo(303);
        String receipt = paid.header("Location");
        assertThat(receipt).startsWith("/stripe-sandbox/checkout/" + id + "/receipt/cs_test_");
        var receiptPage = sandbox.handle("GET", receipt.substring(SandboxStripe.MOUNT_PATH.length()), Map.of(),
                null, null);
        assertThat(receiptPage.body()).contains("Payment successful", "JPY 15,000");
        assertThat(sandbox.checkoutSessions(id)).singleElement()
                .extracting(SandboxCheckoutSession::customerEmail).isEqualTo("buyer@example.com");

        assertThat(sandbox.handle("GET", "/checkout/" + id, Map.of(), null, null).body())
                .contains("This payment link is no longer active").doesNotContain("pay-button");
        var again = sandbox.handle("POST", "/checkout/" + id, Map.of(), null,
                "card_number=4242424242424242&card_expiry=12+%2F+40&card_cvc=123");
        assertThat(again.body()).contains("This payment link is no longer active");
        assertThat(sandbox.checkoutSessions(id)).hasSize(1);
    }

    @Test
    void unknownLinksAndPathsAreNotFound() {
        assertThat(sandbox.handle("GET", "/checkout/plink_nope", Map.of(), null, null).status()).isEqualTo(404);
        assertThat(sandbox.handle("GET", "/somewhere", Map.of(), null, null).status()).isEqualTo(404);
        var api = sandbox.handle("GET", "/v1/customers", Map.of("Authorization", "Bearer " + KEY), null, null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.body()).contains("Unrecognized request URL");
        var unauthenticated = sandbox.handle("GET", "/v1/payment_links", Map.of(), null, null);
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.body()).contains("\"type\" : \"invalid_request_error\"");
    }
}
