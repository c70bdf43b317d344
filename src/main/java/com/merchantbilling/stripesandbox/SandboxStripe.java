package com.merchantbilling.stripesandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.auth.ApiKeyCheck;
import com.merchantbilling.stripesandbox.internal.checkout.CheckoutPageHandler;
import com.merchantbilling.stripesandbox.internal.checkout.CheckoutSessionsResource;
import com.merchantbilling.stripesandbox.internal.checkout.HostedCheckout;
import com.merchantbilling.stripesandbox.internal.events.EventLog;
import com.merchantbilling.stripesandbox.internal.events.EventsResource;
import com.merchantbilling.stripesandbox.internal.payments.SandboxPayments;
import com.merchantbilling.stripesandbox.internal.connect.ConnectAccounts;
import com.merchantbilling.stripesandbox.internal.connect.OnboardingPage;
import com.merchantbilling.stripesandbox.internal.idempotency.SandboxIdempotency;
import com.merchantbilling.stripesandbox.internal.paymentlinks.PaymentLinksResource;
import com.merchantbilling.stripesandbox.internal.store.InMemorySandboxStore;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;
import com.merchantbilling.stripesandbox.internal.webhooks.SandboxWebhooks;

/**
 * A stateful stand-in for Stripe, independent of any HTTP server: {@link #handle} takes one request to a
 * path under {@link #MOUNT_PATH} and returns the response Stripe would give, so the application's Spring MVC
 * adapter and the tests' standalone server serve the same behaviour. This class routes; one class per Stripe
 * resource in {@code internal} answers.
 * <p>
 * Implemented: {@code POST /v1/payment_links} (with Stripe's validation, {@code Stripe-Account} and
 * idempotency keys), {@code POST /v1/payment_links/{id}} ({@code active} only),
 * {@code GET /v1/payment_links[/{id}[/line_items]]}, {@code GET /v1/checkout/sessions}, {@code GET /v1/events[/{id}]},
 * {@code GET /v1/payment_intents/{id}}, {@code GET /v1/charges/{id}}, {@code GET /v1/disputes[/{id}]}, the hosted
 * checkout page {@code /checkout/{linkId}}, and the webhooks {@code checkout.session.completed},
 * {@code charge.refunded}, {@code charge.dispute.created} and {@code charge.dispute.closed} (the last three from the
 * Dashboard's actions {@link #refund}, {@link #dispute}, {@link #closeDispute}). Every event emitted is kept and
 * listed by {@code GET /v1/events}, delivered or not; for Stripe Connect
 * {@code POST /v1/accounts}, {@code GET /v1/accounts/{id}}, {@code POST /v1/account_links}, the hosted onboarding
 * page {@code /connect/onboarding/{token}} and the {@code account.updated} webhook (to the Connect endpoint).
 */
public class SandboxStripe implements AutoCloseable {

    /** Where the sandbox is served, both in the application and in the standalone test server. */
    public static final String MOUNT_PATH = "/stripe-sandbox";
    public static final String SUCCEEDING_CARD = HostedCheckout.SUCCEEDING_CARD;
    public static final String DECLINED_CARD = HostedCheckout.DECLINED_CARD;

    private static final Pattern PAYMENT_LINK_PATH = Pattern.compile("/v1/payment_links/([A-Za-z0-9_]+)");
    private static final Pattern ACCOUNT_PATH = Pattern.compile("/v1/accounts/(acct_[A-Za-z0-9]+)");
    private static final Pattern LINE_ITEMS_PATH = Pattern.compile("/v1/payment_links/([A-Za-z0-9_]+)/line_items");
    private static final Pattern EVENT_PATH = Pattern.compile("/v1/events/([A-Za-z0-9_]+)");
    private static final Pattern PAYMENT_INTENT_PATH = Pattern.compile("/v1/payment_intents/([A-Za-z0-9_]+)");
    private static final Pattern CHARGE_PATH = Pattern.compile("/v1/charges/([A-Za-z0-9_]+)");
    private static final Pattern DISPUTE_PATH = Pattern.compile("/v1/disputes/([A-Za-z0-9_]+)");

    /** How webhook deliveries are retried: attempt n waits initialBackoff * 2^(n-2), at most maxBackoff. */
    public record WebhookRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
            Duration requestTimeout) {

        public WebhookRetry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }
    }

    private final SandboxStore store;
    private final SandboxWebhooks webhooks;
    private final String publicBaseUrl;
    private final Clock clock;
    private final ApiKeyCheck keys;
    private final SandboxIdempotency idempotency;
    private final PaymentLinksResource paymentLinks;
    private final CheckoutSessionsResource checkoutSessions;
    private final HostedCheckout checkout;
    private final CheckoutPageHandler checkoutPage;
    private final EventsResource events;
    private final SandboxPayments payments;
    private final ConnectAccounts connectAccounts;
    private final OnboardingPage onboardingPage;

    /**
     * @param secretKey the only API key accepted ({@code Authorization: Bearer ...})
     * @param publicBaseUrl what buyers' browsers open, e.g. http://localhost:8080; checkout URLs are
     *            {@code publicBaseUrl + MOUNT_PATH + "/checkout/" + linkId}
     */
    public SandboxStripe(SandboxStore store, SandboxWebhooks webhooks, String secretKey, String publicBaseUrl,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.keys = new ApiKeyCheck(secretKey);
        String baseUrl = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        this.publicBaseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idempotency = new SandboxIdempotency(store, this::now);
        this.paymentLinks = new PaymentLinksResource(store, idempotency, this::checkoutUrl, this::now);
        this.checkoutSessions = new CheckoutSessionsResource(store);
        var eventLog = new EventLog(store, webhooks, clock);
        this.events = new EventsResource(store, clock);
        this.payments = new SandboxPayments(store, eventLog, clock);
        this.checkout = new HostedCheckout(store, eventLog, clock);
        this.checkoutPage = new CheckoutPageHandler(store, checkout, MOUNT_PATH);
        this.connectAccounts = new ConnectAccounts(idempotency, eventLog,
                this.publicBaseUrl + MOUNT_PATH + OnboardingPage.PATH_PREFIX, this::now);
        this.onboardingPage = new OnboardingPage(connectAccounts, MOUNT_PATH);
    }

    /** A sandbox that keeps everything in memory, for tests; {@link #close()} stops its webhook deliveries. */
    public static SandboxStripe inMemory(String secretKey, String publicBaseUrl, Clock clock, WebhookRetry retry) {
        return new SandboxStripe(new InMemorySandboxStore(), new SandboxWebhooks(retry), secretKey, publicBaseUrl,
                clock);
    }

    // ---- the router

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
        String verb = method.toUpperCase(Locale.ROOT);
        if (path.equals("/checkout") || path.startsWith("/checkout/")) {
            return checkoutPage.handle(verb, path, body);
        }
        if (path.startsWith(OnboardingPage.PATH_PREFIX)) {
            return onboardingPage.handle(verb, path, body);
        }
        String account = requestHeaders.get("Stripe-Account");
        var request = new ApiRequest(verb, path, requestHeaders, rawQuery, body, Ids.request(),
                account == null || account.isBlank() ? null : account.strip(), failure);
        try {
            if (!path.startsWith("/v1/")) {
                throw StripeApiError.unrecognizedUrl(verb, path);
            }
            keys.authenticate(requestHeaders);
            return api(request);
        } catch (StripeApiError error) {
            return request.error(error);
        }
    }

    private SandboxResponse api(ApiRequest request) {
        String method = request.method();
        String path = request.path();
        if (path.equals("/v1/payment_links")) {
            return switch (method) {
                case "POST" -> paymentLinks.create(request);
                case "GET" -> paymentLinks.list(request);
                default -> throw StripeApiError.unrecognizedUrl(method, path);
            };
        }
        if (path.equals("/v1/accounts") && method.equals("POST")) {
            return connectAccounts.create(request);
        }
        if (path.equals("/v1/account_links") && method.equals("POST")) {
            return connectAccounts.createLink(request);
        }
        if (request.failure() != SandboxServerFailure.NONE && method.equals("GET")) {
            throw StripeApiError.serverFault();
        }
        var link = PAYMENT_LINK_PATH.matcher(path);
        if (link.matches() && method.equals("POST")) {
            return paymentLinks.update(request, link.group(1));
        }
        if (link.matches() && method.equals("GET")) {
            return paymentLinks.retrieve(request, link.group(1));
        }
        var account = ACCOUNT_PATH.matcher(path);
        if (account.matches() && method.equals("GET")) {
            return connectAccounts.retrieve(request, account.group(1));
        }
        var lineItems = LINE_ITEMS_PATH.matcher(path);
        if (lineItems.matches() && method.equals("GET")) {
            return paymentLinks.lineItems(request, lineItems.group(1));
        }
        if (path.equals("/v1/checkout/sessions") && method.equals("GET")) {
            return checkoutSessions.list(request);
        }
        if (method.equals("GET")) {
            if (path.equals("/v1/events")) {
                return events.list(request);
            }
            if (path.equals("/v1/disputes")) {
                return payments.listDisputes(request);
            }
            var event = EVENT_PATH.matcher(path);
            if (event.matches()) {
                return events.retrieve(request, event.group(1));
            }
            var intent = PAYMENT_INTENT_PATH.matcher(path);
            if (intent.matches()) {
                return payments.retrievePaymentIntent(request, intent.group(1));
            }
            var charge = CHARGE_PATH.matcher(path);
            if (charge.matches()) {
                return payments.retrieveCharge(request, charge.group(1));
            }
            var dispute = DISPUTE_PATH.matcher(path);
            if (dispute.matches()) {
                return payments.retrieveDispute(request, dispute.group(1));
            }
        }
        throw StripeApiError.unrecognizedUrl(method, path);
    }

    // ---- for the application's tests and the developer run: what a Stripe dashboard would show

    public Optional<SandboxPaymentLink> paymentLink(String id) {
        return store.findPaymentLink(id);
    }

    /** Every link of every account, newest first, for assertions. */
    public List<SandboxPaymentLink> paymentLinks() {
        return store.paymentLinks(Integer.MAX_VALUE);
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

    /** The hosted page's payment; see {@link #SUCCEEDING_CARD} and {@link #DECLINED_CARD}. */
    public CheckoutResult pay(String paymentLinkId, String cardNumber, String expiry, String cvc, String email) {
        return checkout.pay(paymentLinkId, cardNumber, expiry, cvc, email);
    }

    /**
     * Refunds {@code amount} of the payment as the Dashboard would, emitting {@code charge.refunded}.
     *
     * @return the charge as the event carries it
     */
    public Map<String, Object> refund(String paymentIntentId, long amount) {
        return payments.refund(paymentIntentId, amount);
    }

    /** The buyer disputes the payment: {@code charge.dispute.created}. @return the dispute */
    public Map<String, Object> dispute(String paymentIntentId) {
        return payments.dispute(paymentIntentId);
    }

    /** The dispute closes {@code won} or {@code lost}: {@code charge.dispute.closed}. @return the dispute */
    public Map<String, Object> closeDispute(String paymentIntentId, String disputeId, String status) {
        return payments.closeDispute(paymentIntentId, disputeId, status);
    }

    /** The account's events (null: the platform's), newest first, as far back as Stripe lists them. */
    public List<EmittedEvent> events(String account) {
        return store.events(account, clock.instant().minus(EventsResource.RETENTION).getEpochSecond()).stream()
                .map(event -> new EmittedEvent(event.id(), event.type(), event.account(), event.created(),
                        event.delivered(), event.payload()))
                .toList();
    }

    /** Lets tests hold keyed requests in their execution, e.g. to see a concurrent retry get a 409. */
    public void whileExecuting(Runnable hook) {
        idempotency.whileExecuting(hook);
    }

    /** Where events go from now on; a null url sends nothing. */
    public void webhookTarget(String url, String secret) {
        webhooks.target(url, secret);
    }

    /** Where connected accounts' events go from now on (the Connect endpoint); a null url: to the platform's. */
    public void connectWebhookTarget(String url, String secret) {
        webhooks.connectTarget(url, secret);
    }

    /** The latest delivery attempts, oldest first. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Stops webhook deliveries (idempotent). */
    @Override
    public void close() {
        webhooks.close();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
