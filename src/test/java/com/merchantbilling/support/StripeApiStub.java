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
 * Just enough of Stripe's API on 127.0.0.1 for reconciliation: GET /v1/checkout/sessions filtered by
 * payment_link, status complete, and the Stripe-Account header. Everything else answers 404 like an
 * unknown Stripe route. Until the sandbox's FakeStripeServer lands on this branch.
 */
public final class StripeApiStub implements AutoCloseable {

    /** A completed session Stripe would list, on the platform (account null) or a connected account. */
    private record Stored(String account, String paymentLink, JsonObject session) {
    }

    public record Call(String path, Map<String, String> query, Optional<String> stripeAccount) {
    }

    private final HttpServer server;
    private final List<Stored> sessions = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> failingLinks = new ConcurrentHashMap<>();

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
