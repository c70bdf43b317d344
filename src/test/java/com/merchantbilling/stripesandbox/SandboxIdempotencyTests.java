package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.FakeStripeServer.Fault;
import com.merchantbilling.support.FakeStripeServer.FaultPlan;

/**
 * Stripe's idempotency as its API reference ("Idempotent requests") describes it, at the HTTP level of the
 * sandbox core (through the test server, which only adds the injected faults), and the list and deactivate
 * calls of payment links.
 */
class SandboxIdempotencyTests {

    static final FakeStripeServer stripe = FakeStripeServer.start("sk_test_idempotency");
    static final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @BeforeEach
    void noFaults() {
        stripe.setFaults(FaultPlan.none());
    }

    @Test
    void aSaved500IsReplayedToTheSameKeyAndNoRetryIsAdvised() throws Exception {
        stripe.setFaults(FaultPlan.sequence(Fault.FAIL_500));
        String key = key();

        var first = post("/v1/payment_links", key, link("A"));
        var second = post("/v1/payment_links", key, link("A"));

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.headers().firstValue("Stripe-Should-Retry")).contains("false");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(500);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(second.headers().firstValue("Stripe-Should-Retry")).contains("false");
        assertThat(second.headers().firstValue("Original-Request")).isEqualTo(first.headers().firstValue("Request-Id"));
        assertThat(error(second).get("type").getAsString()).isEqualTo("api_error");
        assertThat(stripe.linksForInvoice("A")).isEmpty();
    }

    @Test
    void a500AfterTheLinkWasMadeHidesTheLinkFromEveryRetryWithTheKey() throws Exception {
        stripe.setFaults(FaultPlan.sequence(Fault.FAIL_500_AFTER_CREATING));
        String key = key();

        assertThat(post("/v1/payment_links", key, link("B")).statusCode()).isEqualTo(500);
        var retry = post("/v1/payment_links", key, link("B"));

        assertThat(retry.statusCode()).isEqualTo(500);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(stripe.linksForInvoice("B")).hasSize(1);
    }

    @Test
    void aRequestFailingValidationSavesNothing() throws Exception {
        String key = key();
        var invalid = post("/v1/payment_links", key, Map.of("metadata[merchant_billing_invoice]", "C"));
        var valid = post("/v1/payment_links", key, link("C"));

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(error(invalid).get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(stripe.linksForInvoice("C")).hasSize(1);
    }

    @Test
    void theSameKeyWithOtherParametersIsAnIdempotencyError() throws Exception {
        String key = key();
        assertThat(post("/v1/payment_links", key, link("D")).statusCode()).isEqualTo(200);

        var other = post("/v1/payment_links", key, link("D-other"));

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(error(other).get("type").getAsString()).isEqualTo("idempotency_error");
        assertThat(stripe.linksForInvoice("D-other")).isEmpty();
    }

    @Test
    void aRequestWhileTheSameKeyIsExecutingGetsA409InsteadOfWaiting() throws Exception {
        String key = key();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> first;
        try (var hold = stripe.holdExecutions()) {
            first = http.sendAsync(request("/v1/payment_links", key, link("E")), HttpResponse.BodyHandlers.ofString());
            Awaitility.await().until(() -> hold.executing() == 1);

            var concurrent = post("/v1/payment_links", key, link("E"));

            assertThat(concurrent.statusCode()).isEqualTo(409);
            assertThat(error(concurrent).get("code").getAsString()).isEqualTo("idempotency_key_in_use");
            assertThat(first).isNotDone();
        }
        var original = first.get();
        var replay = post("/v1/payment_links", key, link("E"));

        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json(replay).get("id").getAsString()).isEqualTo(json(original).get("id").getAsString());
        assertThat(stripe.linksForInvoice("E")).hasSize(1);
    }

    @Test
    void keysLongerThan255CharactersAreRefused() throws Exception {
        var refused = post("/v1/payment_links", "k".repeat(256), link("F"));
        var accepted = post("/v1/payment_links", "k".repeat(255), link("F"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(stripe.linksForInvoice("F")).hasSize(1);
    }

    @Test
    void linksAreListedNewestFirstAndCanBeDeactivatedNotDeleted() throws Exception {
        String account = "acct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            var created = send(HttpRequest.newBuilder(uri("/v1/payment_links"))
                    .header("Stripe-Account", account)
                    .POST(HttpRequest.BodyPublishers.ofString(form(link("G" + i)))));
            ids[i] = json(created).get("id").getAsString();
        }

        var firstPage = json(send(get("/v1/payment_links?limit=2", account)));
        assertThat(firstPage.get("object").getAsString()).isEqualTo("list");
        assertThat(firstPage.get("has_more").getAsBoolean()).isTrue();
        assertThat(firstPage.getAsJsonArray("data").asList()).extracting(e -> e.getAsJsonObject().get("id").getAsString())
                .containsExactly(ids[2], ids[1]);
        var secondPage = json(send(get("/v1/payment_links?limit=2&starting_after=" + ids[1], account)));
        assertThat(secondPage.getAsJsonArray("data").asList()).extracting(e -> e.getAsJsonObject().get("id").getAsString())
                .containsExactly(ids[0]);
        assertThat(secondPage.get("has_more").getAsBoolean()).isFalse();

        var deactivated = send(HttpRequest.newBuilder(uri("/v1/payment_links/" + ids[1]))
                .header("Stripe-Account", account)
                .POST(HttpRequest.BodyPublishers.ofString("active=false")));
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(json(deactivated).get("active").getAsBoolean()).isFalse();
        assertThat(json(deactivated).get("object").getAsString()).isEqualTo("payment_link");

        var active = json(send(get("/v1/payment_links?active=true", account)));
        assertThat(active.getAsJsonArray("data").asList()).extracting(e -> e.getAsJsonObject().get("id").getAsString())
                .containsExactly(ids[2], ids[0]);
        assertThat(stripe.sandbox().paymentLink(ids[1])).hasValueSatisfying(link -> assertThat(link.active()).isFalse());
        // Stripe's list has no filter by metadata
        assertThat(send(get("/v1/payment_links?metadata[merchant_billing_invoice]=G1", account)).statusCode())
                .isEqualTo(400);
        // another account's link does not exist for the caller
        assertThat(send(HttpRequest.newBuilder(uri("/v1/payment_links/" + ids[0]))
                .POST(HttpRequest.BodyPublishers.ofString("active=false"))).statusCode()).isEqualTo(404);
    }

    private static Map<String, String> link(String invoice) {
        return Map.of("line_items[0][price_data][currency]", "usd",
                "line_items[0][price_data][unit_amount]", "1000",
                "line_items[0][price_data][product_data][name]", "Invoice " + invoice,
                "line_items[0][quantity]", "1",
                "metadata[merchant_billing_invoice]", invoice);
    }

    private static String key() {
        return "test-" + UUID.randomUUID();
    }

    private static HttpResponse<String> post(String path, String key, Map<String, String> params) throws Exception {
        return http.send(request(path, key, params), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String key, Map<String, String> params) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + stripe.secretKey())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
    }

    private static HttpRequest.Builder get(String pathAndQuery, String account) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).header("Stripe-Account", account).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.header("Authorization", "Bearer " + stripe.secretKey())
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(stripe.baseUrl() + pathAndQuery.replace("[", "%5B").replace("]", "%5D"));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject error(HttpResponse<String> response) {
        return json(response).getAsJsonObject("error");
    }
}
