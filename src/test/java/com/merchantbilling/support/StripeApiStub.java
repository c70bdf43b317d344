package com.merchantbilling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of Stripe's API on 127.0.0.1 for reconciliation and the after-payment webhooks: GET
 * /v1/checkout/sessions filtered by payment_link, status complete, and the Stripe-Account header; GET
 * /v1/payment_links/{id}, GET /v1/payment_intents/{id} (expand[]=latest_charge) and GET /v1/disputes
 * (filtered by payment_intent) for objects stored here, per account. Everything else answers 404 like an unknown
 * Stripe route.
 * <p>
 * Why this and not {@link FakeStripeServer} (the sandbox core): its users ({@code payments.WebhookTestSupport}'s
 * classes and {@code PendingPaymentReconcilerIntegrationTests}) plant state the sandbox cannot hold. They record
 * made-up link ids as created (no create call), then plant completed sessions, payment intents with a partly
 * refunded or disputed latest charge, disputes and links with foreign metadata on those ids, make one link's
 * listing answer 500 ({@link #failListing}), and count the listings per link ({@link #callsFor}). The sandbox only
 * serves payment links and checkout sessions it made itself (a session exists after a card payment, see
 * {@link FakeStripeServer#pay}), and has no payment intents, charges or disputes. Moving these tests onto it
 * needs those resources in the sandbox (main code); until then this stub stays, limited to the routes above.
 */
public final class StripeApiStub implements AutoCloseable {

    /** A completed session Stripe would list, on the platform (account null) or a connected account. */
    private record Stored(String account, String paymentLink, JsonObject session) {
    }

    public record Call(String path, Map<String, String> query, Optional<String> stripeAccount) {
    }

    private final HttpServer server;
    private final List<Stored> sessions = new CopyOnWriteArrayList<>();
    private final List<Stored> disputes = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> failingLinks = new ConcurrentHashMap<>();
    /** Payment links by id, with the account they live on (GET /v1/payment_links/{id}). */
    private final Map<String, Stored> links = new ConcurrentHashMap<>();
    /** Payment intents by id, with their latest charge (GET /v1/payment_intents/{id}). */
    private final Map<String, Stored> intents = new ConcurrentHashMap<>();

    private StripeApiStub(HttpServer server) {
        this.server = server;
    }

    public static StripeApiStub start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var stub = new StripeApiStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void completedSession(String account, StripeEvents.CheckoutSession session) {
        var json = session.json();
        sessions.add(new Stored(account, json.get("payment_link").getAsString(), json));
        // a paid session's payment intent exists at Stripe, with its charge (nothing refunded yet)
        if (json.has("payment_intent") && json.get("payment_intent").isJsonPrimitive()) {
            var intent = json.get("payment_intent").getAsString();
            if (!intents.containsKey(intent)) {
                paymentIntent(account, intent, StripeEvents.charge(intent, json.get("amount_total").getAsLong(), 0,
                        json.get("currency").getAsString()));
            }
        }
    }

    /**
     * A payment link Stripe would return, with its metadata (e.g. PaymentLinkMetadata.toMap()), on the
     * platform (account null) or a connected account. Returns the link's id.
     */
    public String paymentLink(String account, String linkId, Map<String, String> metadata) {
        var json = new JsonObject();
        json.addProperty("id", linkId);
        json.addProperty("object", "payment_link");
        json.addProperty("active", true);
        json.addProperty("url", "https://buy.stripe.com/test_" + linkId);
        var meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        json.add("metadata", meta);
        links.put(linkId, new Stored(account, linkId, json));
        return linkId;
    }

    /** A dispute of a payment intent's charge (see StripeEvents.dispute), listed by GET /v1/disputes. */
    public void dispute(String account, JsonObject dispute) {
        disputes.add(new Stored(account, null, dispute));
    }

    /** A payment intent whose latest_charge is the given Charge (see StripeEvents.charge). */
    public void paymentIntent(String account, String paymentIntentId, JsonObject latestCharge) {
        var json = new JsonObject();
        json.addProperty("id", paymentIntentId);
        json.addProperty("object", "payment_intent");
        json.addProperty("status", "succeeded");
        json.add("latest_charge", latestCharge);
        intents.put(paymentIntentId, new Stored(account, null, json));
    }

    /** Stripe answers 500 for this link's listing. */
    public void failListing(String paymentLink) {
        failingLinks.put(paymentLink, true);
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public List<Call> callsFor(String paymentLink) {
        return calls.stream().filter(call -> paymentLink.equals(call.query().get("payment_link"))).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var query = query(exchange.getRequestURI().getRawQuery());
            var account = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Stripe-Account"));
            calls.add(new Call(exchange.getRequestURI().getPath(), query, account));
            var path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/payment_links/")) {
                // an object on another account is not found there (Stripe answers 404 resource_missing)
                var link = links.get(path.substring("/v1/payment_links/".length()));
                if (link == null || !java.util.Objects.equals(link.account(), account.orElse(null))) {
                    respond(exchange, 404, MISSING);
                } else {
                    respond(exchange, 200, link.session().toString());
                }
                return;
            }
            if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/payment_intents/")) {
                var intent = intents.get(path.substring("/v1/payment_intents/".length()));
                if (intent == null || !java.util.Objects.equals(intent.account(), account.orElse(null))) {
                    respond(exchange, 404, MISSING);
                    return;
                }
                var json = intent.session().deepCopy();
                // latest_charge is an id unless expanded (expand[]=latest_charge; stripe-java sends expand[0]=)
                boolean expanded = query.entrySet().stream()
                        .anyMatch(e -> e.getKey().startsWith("expand[") && "latest_charge".equals(e.getValue()));
                if (!expanded && json.get("latest_charge").isJsonObject()) {
                    json.addProperty("latest_charge", json.getAsJsonObject("latest_charge").get("id").getAsString());
                }
                respond(exchange, 200, json.toString());
                return;
            }
            if (exchange.getRequestMethod().equals("GET") && path.equals("/v1/disputes")) {
                // "List all disputes" filtered by payment_intent, on the request's account
                var data = new JsonArray();
                disputes.stream()
                        .filter(stored -> java.util.Objects.equals(stored.account(), account.orElse(null)))
                        .filter(stored -> stored.session().get("payment_intent").getAsString()
                                .equals(query.get("payment_intent")))
                        .forEach(stored -> data.add(stored.session()));
                var list = new JsonObject();
                list.addProperty("object", "list");
                list.addProperty("url", "/v1/disputes");
                list.addProperty("has_more", false);
                list.add("data", data);
                respond(exchange, 200, list.toString());
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/v1/checkout/sessions")) {
                respond(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
                return;
            }
            String link = query.get("payment_link");
            if (link != null && failingLinks.containsKey(link)) {
                respond(exchange, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"stub failure\"}}");
                return;
            }
            var data = new JsonArray();
            sessions.stream()
                    .filter(stored -> stored.paymentLink().equals(link))
                    .filter(stored -> java.util.Objects.equals(stored.account(), account.orElse(null)))
                    .filter(stored -> !"complete".equals(query.get("status"))
                            || "complete".equals(stored.session().get("status").getAsString()))
                    .forEach(stored -> data.add(stored.session()));
            var list = new JsonObject();
            list.addProperty("object", "list");
            list.addProperty("url", "/v1/checkout/sessions");
            list.addProperty("has_more", false);
            list.add("data", data);
            respond(exchange, 200, list.toString());
        }
    }

    private static final String MISSING = "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"message\":\"No such object\"}}";

    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> decode(pair[0]), pair -> pair.length > 1 ? decode(pair[1]) : "",
                        (first, second) -> first));
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_stub");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
