package com.merchantbilling.stripesandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.merchantbilling.stripesandbox.CheckoutResult.Outcome;
import com.merchantbilling.stripesandbox.internal.CheckoutPage;
import com.merchantbilling.stripesandbox.internal.FormEncoding;
import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.PaymentLinkParameters;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.stripe.Stripe;

/**
 * A stateful stand-in for Stripe, independent of any HTTP server: {@link #handle} takes one request to a
 * path under {@link #MOUNT_PATH} and returns the response Stripe would give, so the application's Spring MVC
 * adapter and the tests' standalone server serve the same behaviour.
 * <p>
 * Implemented: {@code POST /v1/payment_links} (with Stripe's validation, {@code Stripe-Account} and
 * idempotency keys, see {@link SandboxIdempotency}), {@code POST /v1/payment_links/{id}} ({@code active} only,
 * see {@link SandboxPaymentLinkUpdates}), {@code GET /v1/payment_links[/{id}[/line_items]]}, {@code GET /v1/checkout/sessions}, the
 * hosted checkout page {@code /checkout/{linkId}}, and the {@code checkout.session.completed} webhook.
 */
public class SandboxStripe {

    /** Where the sandbox is served, both in the application and in the standalone test server. */
    public static final String MOUNT_PATH = "/stripe-sandbox";
    public static final String SUCCEEDING_CARD = "4242424242424242";
    public static final String DECLINED_CARD = "4000000000000002";

    private static final Pattern PAYMENT_LINK_PATH = Pattern.compile("/v1/payment_links/([A-Za-z0-9_]+)");
    private static final Pattern LINE_ITEMS_PATH = Pattern.compile("/v1/payment_links/([A-Za-z0-9_]+)/line_items");
    private static final Pattern CHECKOUT_PATH = Pattern.compile("/checkout/([A-Za-z0-9_]+)");
    private static final Pattern RECEIPT_PATH = Pattern.compile("/checkout/([A-Za-z0-9_]+)/receipt/([A-Za-z0-9_]+)");
    private static final Set<String> LINK_LIST_PARAMS = Set.of("active", "limit", "starting_after",
            "ending_before", "expand");
    private static final Set<String> SESSION_LIST_PARAMS = Set.of("payment_link", "status", "limit",
            "starting_after", "ending_before", "expand", "created", "customer", "customer_details",
            "payment_intent", "subscription");

    private final SandboxStore store;
    private final SandboxWebhooks webhooks;
    private final byte[] secretKey;
    private final String publicBaseUrl;
    private final Clock clock;
    private final SandboxIdempotency idempotency;
    private final SandboxPaymentLinkUpdates updates;

    /**
     * @param secretKey the only API key accepted ({@code Authorization: Bearer ...})
     * @param publicBaseUrl what buyers' browsers open, e.g. http://localhost:8080; checkout URLs are
     *            {@code publicBaseUrl + MOUNT_PATH + "/checkout/" + linkId}
     */
    public SandboxStripe(SandboxStore store, SandboxWebhooks webhooks, String secretKey, String publicBaseUrl,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("The sandbox needs the secret key its clients use");
        }
        this.secretKey = secretKey.getBytes(StandardCharsets.UTF_8);
        this.publicBaseUrl = stripTrailingSlash(Objects.requireNonNull(publicBaseUrl, "publicBaseUrl"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idempotency = new SandboxIdempotency(store, this::now);
        this.updates = new SandboxPaymentLinkUpdates(store);
    }

    /**
     * Answers one HTTP request.
     *
     * @param path below {@link #MOUNT_PATH}, e.g. {@code /v1/payment_links} or {@code /checkout/plink_123}
     * @param headers request headers, any case
     * @param rawQuery the query string as sent (percent-encoded), or null
     * @param body the form-encoded request body as sent, or null
     */
    public SandboxResponse handle(String method, String path, Map<String, String> headers, String rawQuery,
            String body) {
        return handle(method, path, headers, rawQuery, body, SandboxServerFailure.NONE);
    }

    /** Like {@link #handle(String, String, Map, String, String)}, failing internally as {@code failure} says. */
    public SandboxResponse handle(String method, String path, Map<String, String> headers, String rawQuery,
            String body, SandboxServerFailure failure) {
        var requestHeaders = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    requestHeaders.put(name, value);
                }
            });
        }
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        if (path.equals("/checkout") || path.startsWith("/checkout/")) {
            return checkout(verb, path, body);
        }
        String requestId = Ids.request();
        String account = blankToNull(requestHeaders.get("Stripe-Account"));
        try {
            if (!path.startsWith("/v1/")) {
                throw StripeApiError.unrecognizedUrl(verb, path);
            }
            authenticate(requestHeaders);
            return api(verb, path, requestHeaders, rawQuery, body, requestId, account, failure);
        } catch (StripeApiError error) {
            return json(error.status(), error.toJson(requestId), requestId, account, requestHeaders);
        }
    }

    public Optional<SandboxPaymentLink> paymentLink(String id) {
        return store.findPaymentLink(id);
    }

    /** Newest first. */
    public List<SandboxCheckoutSession> checkoutSessions(String paymentLinkId) {
        return store.checkoutSessions(paymentLinkId);
    }

    public String checkoutUrl(String paymentLinkId) {
        return publicBaseUrl + MOUNT_PATH + "/checkout/" + paymentLinkId;
    }

    /** Pays like a buyer on the hosted page, with a valid expiry and CVC. */
    public CheckoutResult pay(String paymentLinkId, String cardNumber) {
        return pay(paymentLinkId, cardNumber, "12 / " + (YearMonth.now(clock).getYear() % 100 + 5), "123",
                "buyer@example.com");
    }

    /**
     * The hosted page's payment: 4242 4242 4242 4242 completes a checkout session, deactivates a link that
     * reached its completed-sessions limit and sends {@code checkout.session.completed}; 4000 0000 0000 0002 is
     * declined and changes nothing.
     */
    public CheckoutResult pay(String paymentLinkId, String cardNumber, String expiry, String cvc, String email) {
        var link = store.findPaymentLink(paymentLinkId).orElse(null);
        if (link == null) {
            return new CheckoutResult(Outcome.NO_SUCH_LINK, "There is no such payment link.", null);
        }
        if (!link.active()) {
            return inactive();
        }
        String number = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        String problem = cardProblem(number, expiry, cvc, email);
        if (problem != null) {
            return new CheckoutResult(Outcome.INVALID_CARD, problem, null);
        }
        if (number.equals(DECLINED_CARD)) {
            return new CheckoutResult(Outcome.DECLINED, "Your card was declined.", null);
        }
        var session = new SandboxCheckoutSession(Ids.checkoutSession(), link.id(), link.stripeAccount(), now(),
                link.amountTotal(), link.currency(), blankToNull(email), Ids.paymentIntent(), link.metadata());
        if (!store.recordCompletedSession(session)) {
            return inactive();
        }
        String eventId = Ids.event();
        var event = StripeObjects.event(eventId, "checkout.session.completed", now(), session.stripeAccount(),
                StripeObjects.checkoutSession(session));
        webhooks.send(eventId, "checkout.session.completed", Json.write(event));
        return new CheckoutResult(Outcome.PAID, "Payment successful.", session);
    }

    private static CheckoutResult inactive() {
        return new CheckoutResult(Outcome.LINK_INACTIVE,
                "This payment link is no longer active. It may have been paid already.", null);
    }

    private String cardProblem(String number, String expiry, String cvc, String email) {
        if (!number.equals(SUCCEEDING_CARD) && !number.equals(DECLINED_CARD)) {
            return number.matches("\\d{12,19}")
                    ? "This card number is not a sandbox test card. Use 4242 4242 4242 4242 to pay or "
                            + "4000 0000 0000 0002 to see a decline."
                    : "Your card number is invalid. Use the test card 4242 4242 4242 4242.";
        }
        var expiryMatch = expiry == null ? null
                : Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*").matcher(expiry);
        if (expiryMatch == null || !expiryMatch.matches()) {
            return "Your card's expiration date is incomplete. Enter it as MM / YY.";
        }
        int month = Integer.parseInt(expiryMatch.group(1));
        int year = Integer.parseInt(expiryMatch.group(2));
        year = year < 100 ? 2000 + year : year;
        if (month < 1 || month > 12) {
            return "Your card's expiration month is invalid.";
        }
        if (YearMonth.of(year, month).isBefore(YearMonth.now(clock))) {
            return "Your card's expiration date is in the past.";
        }
        if (cvc == null || !cvc.strip().matches("\\d{3,4}")) {
            return "Your card's security code is incomplete.";
        }
        if (email != null && !email.isBlank() && !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
            return "Your email address is invalid.";
        }
        return null;
    }

    // ---- the API (/v1)

    /** Lets tests hold keyed requests in their execution, e.g. to see a concurrent retry get a 409. */
    public void whileExecuting(Runnable hook) {
        idempotency.whileExecuting(hook);
    }

    private SandboxResponse api(String method, String path, Map<String, String> headers, String rawQuery,
            String body, String requestId, String account, SandboxServerFailure failure) {
        if (path.equals("/v1/payment_links")) {
            return switch (method) {
                case "POST" -> createPaymentLink(headers, body, requestId, account, failure);
                case "GET" -> listPaymentLinks(FormEncoding.nest(FormEncoding.parse(rawQuery)), requestId, account,
                        headers);
                default -> throw StripeApiError.unrecognizedUrl(method, path);
            };
        }
        if (failure != SandboxServerFailure.NONE && method.equals("GET")) {
            throw internalError();
        }
        var linkPath = PAYMENT_LINK_PATH.matcher(path);
        if (linkPath.matches() && method.equals("POST")) {
            return updatePaymentLink(linkPath.group(1), headers, body, requestId, account, failure);
        }
        if (linkPath.matches() && method.equals("GET")) {
            var params = FormEncoding.nest(FormEncoding.parse(rawQuery));
            var link = visibleLink(linkPath.group(1), account);
            return json(200, StripeObjects.paymentLink(link, checkoutUrl(link.id()),
                    PaymentLinkParameters.expandsLineItems(params)), requestId, account, headers);
        }
        var lineItemsPath = LINE_ITEMS_PATH.matcher(path);
        if (lineItemsPath.matches() && method.equals("GET")) {
            var link = visibleLink(lineItemsPath.group(1), account);
            return json(200, StripeObjects.lineItems(link), requestId, account, headers);
        }
        if (path.equals("/v1/checkout/sessions") && method.equals("GET")) {
            return listCheckoutSessions(FormEncoding.nest(FormEncoding.parse(rawQuery)), requestId, account,
                    headers);
        }
        throw StripeApiError.unrecognizedUrl(method, path);
    }

    private SandboxResponse createPaymentLink(Map<String, String> headers, String body, String requestId,
            String account, SandboxServerFailure failure) {
        var pairs = FormEncoding.parse(body);
        var params = FormEncoding.nest(pairs);
        var responseHeaders = apiHeaders(requestId, account, headers);
        var read = new SandboxPaymentLink[1];
        SandboxIdempotency.Validation validation = () -> read[0] = PaymentLinkParameters.read(params,
                Ids.paymentLink(), account, now());
        SandboxIdempotency.Execution execution = () -> {
            var link = read[0];
            if (failure == SandboxServerFailure.BEFORE_CREATING) {
                throw internalError();
            }
            if (failure == SandboxServerFailure.AFTER_CREATING) {
                // the link exists, but the caller only ever hears the 500 (and so does every retry with the key)
                store.insertPaymentLink(link, null);
                throw internalError();
            }
            return new SandboxIdempotency.Outcome(200, Json.write(StripeObjects.paymentLink(link,
                    checkoutUrl(link.id()), PaymentLinkParameters.expandsLineItems(params))), link);
        };
        String key = blankToNull(headers.get("Idempotency-Key"));
        if (key == null) {
            validation.run();
            var outcome = execution.run();
            store.insertPaymentLink(outcome.link(), null);
            return new SandboxResponse(200, responseHeaders, outcome.body());
        }
        return idempotency.handle(account == null ? "" : account, key,
                "POST /v1/payment_links\n" + FormEncoding.canonical(pairs), requestId, responseHeaders, validation,
                execution);
    }

    private SandboxResponse updatePaymentLink(String id, Map<String, String> headers, String body,
            String requestId, String account, SandboxServerFailure failure) {
        var pairs = FormEncoding.parse(body);
        var params = FormEncoding.nest(pairs);
        var responseHeaders = apiHeaders(requestId, account, headers);
        var active = new Boolean[1];
        SandboxIdempotency.Validation validation = () -> active[0] = updates.validate(id, params, account);
        SandboxIdempotency.Execution execution = () -> {
            if (failure == SandboxServerFailure.BEFORE_CREATING) {
                throw internalError();
            }
            var link = updates.update(id, active[0]);
            if (failure == SandboxServerFailure.AFTER_CREATING) {
                throw internalError();
            }
            return new SandboxIdempotency.Outcome(200, Json.write(StripeObjects.paymentLink(link,
                    checkoutUrl(link.id()), PaymentLinkParameters.expandsLineItems(params))), null);
        };
        String key = blankToNull(headers.get("Idempotency-Key"));
        if (key == null) {
            validation.run();
            var outcome = execution.run();
            return new SandboxResponse(outcome.status(), responseHeaders, outcome.body());
        }
        return idempotency.handle(account == null ? "" : account, key,
                "POST /v1/payment_links/" + id + "\n" + FormEncoding.canonical(pairs), requestId, responseHeaders,
                validation, execution);
    }

    private static StripeApiError internalError() {
        return new StripeApiError(500, "api_error", "An unknown error occurred (Stripe sandbox fault).", null, null);
    }

    private SandboxResponse listPaymentLinks(Map<String, Object> params, String requestId, String account,
            Map<String, String> headers) {
        for (String name : params.keySet()) {
            // Stripe's list has no filter by metadata or creation date: callers page newest first instead
            if (!LINK_LIST_PARAMS.contains(name)) {
                throw StripeApiError.invalid("Received unknown parameter: " + name, name, "parameter_unknown");
            }
        }
        int limit = limit(params);
        var links = store.paymentLinks(1_000).stream()
                .filter(link -> Objects.equals(link.stripeAccount(), account))
                .filter(link -> !(params.get("active") instanceof String active)
                        || Boolean.parseBoolean(active) == link.active())
                .map(link -> StripeObjects.paymentLink(link, checkoutUrl(link.id()), false))
                .toList();
        return json(200, page(links, params, limit, "/v1/payment_links"), requestId, account, headers);
    }

    private SandboxResponse listCheckoutSessions(Map<String, Object> params, String requestId, String account,
            Map<String, String> headers) {
        for (String name : params.keySet()) {
            if (!SESSION_LIST_PARAMS.contains(name)) {
                throw StripeApiError.invalid("Received unknown parameter: " + name, name, "parameter_unknown");
            }
        }
        int limit = limit(params);
        if (!(params.get("payment_link") instanceof String linkId) || linkId.isEmpty()) {
            // without a link filter the sandbox would have to list every session of every link
            throw StripeApiError.invalid("The Stripe sandbox lists checkout sessions of one payment link only: "
                    + "pass payment_link.", "payment_link", null);
        }
        Object status = params.get("status");
        if (status != null && !Set.of("open", "complete", "expired").contains(status)) {
            throw StripeApiError.invalid("Invalid status: must be one of open, complete, or expired", "status",
                    null);
        }
        var sessions = store.checkoutSessions(linkId).stream()
                .filter(session -> Objects.equals(session.stripeAccount(), account))
                .filter(session -> status == null || status.equals("complete"))
                .filter(session -> !(params.get("payment_intent") instanceof String intent)
                        || intent.equals(session.paymentIntentId()))
                .map(StripeObjects::checkoutSession)
                .toList();
        return json(200, page(sessions, params, limit, "/v1/checkout/sessions"), requestId, account, headers);
    }

    /** One page of a newest-first list, with Stripe's starting_after / ending_before cursors. */
    private static Map<String, Object> page(List<Map<String, Object>> all, Map<String, Object> params, int limit,
            String url) {
        int from = 0;
        int to = all.size();
        if (params.get("starting_after") instanceof String after && !after.isEmpty()) {
            from = indexOf(all, after, "starting_after") + 1;
        } else if (params.get("ending_before") instanceof String before && !before.isEmpty()) {
            to = indexOf(all, before, "ending_before");
            from = Math.max(0, to - limit);
        }
        var data = new ArrayList<>(all.subList(from, Math.min(to, from + limit)));
        boolean hasMore = from + limit < to || params.get("ending_before") != null && from > 0;
        return StripeObjects.list(data, hasMore, url);
    }

    private static int indexOf(List<Map<String, Object>> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (id.equals(all.get(i).get("id"))) {
                return i;
            }
        }
        throw StripeApiError.invalid("No such object: '" + id + "'", param, "resource_missing");
    }

    private static int limit(Map<String, Object> params) {
        Object value = params.get("limit");
        if (value == null) {
            return 10;
        }
        try {
            int limit = Integer.parseInt((String) value);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (ClassCastException | NumberFormatException e) {
            // answered below
        }
        throw StripeApiError.invalid("Invalid limit: must be an integer between 1 and 100.", "limit", null);
    }

    /** A link of another account does not exist for the caller, as on Stripe. */
    private SandboxPaymentLink visibleLink(String id, String account) {
        return store.findPaymentLink(id)
                .filter(link -> Objects.equals(link.stripeAccount(), account))
                .orElseThrow(() -> StripeApiError.notFound("payment_link", id, "id"));
    }

    private void authenticate(Map<String, String> headers) {
        String authorization = headers.get("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new StripeApiError(401, "invalid_request_error", "You did not provide an API key. You need to "
                    + "provide your API key in the Authorization header, using Bearer auth (e.g. "
                    + "'Authorization: Bearer YOUR_SECRET_KEY').", null, null);
        }
        String key = presentedKey(authorization.strip());
        if (!MessageDigest.isEqual(secretKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new StripeApiError(401, "invalid_request_error", "Invalid API Key provided: " + masked(key), null,
                    null);
        }
    }

    /** Bearer, or Basic with the key as the user name: Stripe accepts both. */
    private static String presentedKey(String authorization) {
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String user = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = user.indexOf(':');
                return colon < 0 ? user : user.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return authorization;
    }

    /** As Stripe shows it: the prefix and the last four characters. */
    private static String masked(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        int prefix = key.indexOf('_', key.indexOf('_') + 1) + 1;
        prefix = prefix <= 0 || prefix > 8 ? 0 : prefix;
        return key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
    }

    private SandboxResponse json(int status, Map<String, Object> body, String requestId, String account,
            Map<String, String> headers) {
        return new SandboxResponse(status, apiHeaders(requestId, account, headers), Json.write(body));
    }

    private static Map<String, String> apiHeaders(String requestId, String account, Map<String, String> headers) {
        var response = new LinkedHashMap<String, String>();
        response.put("Content-Type", "application/json");
        response.put("Cache-Control", "no-cache, no-store");
        response.put("Request-Id", requestId);
        response.put("Stripe-Version", Stripe.API_VERSION);
        if (account != null) {
            response.put("Stripe-Account", account);
        }
        String key = headers.get("Idempotency-Key");
        if (key != null && !key.isBlank()) {
            response.put("Idempotency-Key", key);
        }
        return response;
    }

    // ---- the hosted checkout page

    private SandboxResponse checkout(String method, String path, String body) {
        var receipt = RECEIPT_PATH.matcher(path);
        if (receipt.matches() && method.equals("GET")) {
            var link = store.findPaymentLink(receipt.group(1));
            var session = store.findCheckoutSession(receipt.group(2))
                    .filter(found -> found.paymentLinkId().equals(receipt.group(1)));
            if (link.isEmpty() || session.isEmpty()) {
                return html(404, CheckoutPage.notFound());
            }
            return html(200, CheckoutPage.paid(link.get(), session.get()));
        }
        var page = CHECKOUT_PATH.matcher(path);
        if (!page.matches() || !(method.equals("GET") || method.equals("POST"))) {
            return html(404, CheckoutPage.notFound());
        }
        String linkId = page.group(1);
        var link = store.findPaymentLink(linkId).orElse(null);
        if (link == null) {
            return html(404, CheckoutPage.notFound());
        }
        String action = MOUNT_PATH + "/checkout/" + linkId;
        if (method.equals("GET")) {
            return html(200, link.active() ? CheckoutPage.form(link, action, null, null, null, null)
                    : CheckoutPage.inactive(link));
        }
        var form = FormEncoding.parse(body);
        var result = pay(linkId, form.get("card_number"), form.get("card_expiry"), form.get("card_cvc"),
                form.get("email"));
        return switch (result.outcome()) {
            // post/redirect/get: reloading the receipt must not pay twice
            case PAID -> new SandboxResponse(303, Map.of("Location", action + "/receipt/" + result.session().id(),
                    "Cache-Control", "no-store"), "");
            case LINK_INACTIVE -> html(409, CheckoutPage.inactive(link));
            case NO_SUCH_LINK -> html(404, CheckoutPage.notFound());
            case DECLINED -> html(402, CheckoutPage.form(link, action, result.message(), form.get("card_number"),
                    form.get("card_expiry"), form.get("email")));
            case INVALID_CARD -> html(400, CheckoutPage.form(link, action, result.message(), form.get("card_number"),
                    form.get("card_expiry"), form.get("email")));
        };
    }

    private static SandboxResponse html(int status, String page) {
        return new SandboxResponse(status, Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-store",
                // the page needs nothing but its own inline styles and to post to itself
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'",
                "Referrer-Policy", "no-referrer"), page);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
