package com.merchantbilling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.stripesandbox.CheckoutResult;
import com.merchantbilling.stripesandbox.EmittedEvent;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.SandboxServerFailure;
import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.stripesandbox.WebhookDelivery;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake Stripe for tests: the sandbox's core behind a JDK HTTP server on 127.0.0.1, with an in-memory store,
 * injectable latency and faults, and counters for assertions. Point a real {@code StripeClient} at
 * {@link #baseUrl()}:
 *
 * <pre>{@code
 * try (var stripe = FakeStripeServer.start("sk_test_123")) {
 *     var client = StripeClient.builder().setApiKey("sk_test_123").setApiBase(stripe.baseUrl()).build();
 *     ...
 * }
 * }</pre>
 *
 * The checkout page is served too, at the URL the payment link returns.
 */
public final class FakeStripeServer implements AutoCloseable {

    /** What the server does with one API request (the checkout page is never faulted). */
    public enum Fault {
        /** Handle it normally. */
        PASS,
        /**
         * A 500 api_error after the request began executing, before anything was created. As on Stripe, the 500 is
         * saved under the request's idempotency key: every retry with that key gets it replayed
         * ({@code Idempotent-Replayed: true}, {@code Stripe-Should-Retry: false}) for 24 hours.
         */
        FAIL_500,
        /**
         * The link is created, then the request fails with a 500 that is saved under the key: the link exists at
         * Stripe, but the caller (and every retry with the key) only hears the 500.
         */
        FAIL_500_AFTER_CREATING,
        /** Do nothing and answer 429 rate_limit_error. */
        RATE_LIMITED_429,
        /** Like {@link #RATE_LIMITED_429}, with {@code Stripe-Should-Retry: true}. */
        RATE_LIMITED_429_SHOULD_RETRY,
        /** Handle it, then answer only after {@link #setSlowResponseDelay} (meant to exceed a client timeout). */
        SLOW,
        /**
         * Handle it (a create does create and its answer is saved under the key), then close the connection
         * without an answer: "link created, answer lost"; a retry with the key gets the link replayed.
         */
        DROP_AFTER_PROCESSING,
        /** Close the connection before the request reached Stripe's endpoint: nothing executed, nothing saved. */
        DROP_BEFORE_PROCESSING
    }

    /** Decides per API request; called once per request, possibly from several threads. */
    @FunctionalInterface
    public interface FaultPlan {

        Fault next(RecordedRequest request);

        static FaultPlan none() {
            return request -> Fault.PASS;
        }

        static FaultPlan always(Fault fault) {
            return request -> fault;
        }

        /** The given faults for the first matching requests, in order, then PASS. */
        static FaultPlan sequence(Fault... faults) {
            var next = new AtomicInteger();
            return request -> {
                int index = next.getAndIncrement();
                return index < faults.length ? faults[index] : Fault.PASS;
            };
        }

        /**
         * Fails about {@code fraction} of the requests, reproducibly for a seed (given the same request order),
         * with faults drawn evenly from {@code mix}; by default 500, both 429s and dropped connections.
         */
        static FaultPlan randomly(long seed, double fraction, Fault... mix) {
            if (fraction < 0 || fraction > 1) {
                throw new IllegalArgumentException("fraction must be within [0, 1], got " + fraction);
            }
            Fault[] faults = mix.length > 0 ? mix.clone()
                    : new Fault[] { Fault.FAIL_500, Fault.RATE_LIMITED_429, Fault.RATE_LIMITED_429_SHOULD_RETRY,
                            Fault.DROP_AFTER_PROCESSING };
            var random = new Random(seed);
            return request -> {
                synchronized (random) {
                    return random.nextDouble() < fraction ? faults[random.nextInt(faults.length)] : Fault.PASS;
                }
            };
        }

        /** This plan for requests that match, PASS for the others (e.g. only for creates). */
        default FaultPlan onlyFor(Predicate<RecordedRequest> which) {
            return request -> which.test(request) ? next(request) : Fault.PASS;
        }
    }

    /**
     * One request as received. {@code formParameters} are the decoded body pairs exactly as sent, e.g.
     * {@code line_items[0][price_data][unit_amount] -> 15000}.
     */
    public record RecordedRequest(int sequence, String method, String path, Map<String, String> headers,
            String rawQuery, String body, Map<String, String> formParameters) {

        public String header(String name) {
            return headers.get(name);
        }

        public String idempotencyKey() {
            return header("Idempotency-Key");
        }

        public boolean isCreatePaymentLink() {
            return method.equals("POST") && path.equals("/v1/payment_links");
        }

        public boolean isApi() {
            return path.startsWith("/v1/");
        }

        /** GET /v1/events: a page of the event catch-up. */
        public boolean isListEvents() {
            return method.equals("GET") && path.equals("/v1/events");
        }

        /** The decoded query parameters, e.g. {@code starting_after}, {@code types[0]}, {@code created[gt]}. */
        public Map<String, String> queryParameters() {
            return FakeStripeServer.formParameters(rawQuery == null ? "" : rawQuery);
        }
    }

    private final String secretKey;
    private final SandboxStripe sandbox;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fake-stripe-delays").daemon().factory());

    private volatile FaultPlan faults = FaultPlan.none();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration slowResponseDelay = Duration.ofSeconds(30);

    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong totalRequests = new AtomicLong();
    private final AtomicLong createCalls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> createCallsByKey = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /** When each request arrived (System.nanoTime), by its sequence number: for rate checks over time windows. */
    private final Map<Integer, Long> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
    /** Arrivals of API requests within the last second, oldest first, for {@link #setRateLimitPerSecond}. */
    private final java.util.ArrayDeque<Long> window = new java.util.ArrayDeque<>();
    private int rateLimitPerSecond;

    private FakeStripeServer(String secretKey) throws IOException {
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        this.sandbox = SandboxStripe.inMemory(secretKey, "http://127.0.0.1:" + server.getAddress().getPort(),
                Clock.systemUTC(), new SandboxStripe.WebhookRetry(4, Duration.ofMillis(50), Duration.ofMillis(400),
                        Duration.ofSeconds(5)));
        server.createContext(SandboxStripe.MOUNT_PATH, this::receive);
        server.setExecutor(executor);
        server.start();
    }

    /** A running server accepting only {@code secretKey}; webhooks go nowhere until {@link #webhookTarget}. */
    public static FakeStripeServer start(String secretKey) {
        try {
            return new FakeStripeServer(secretKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the fake Stripe server", e);
        }
    }

    /** What {@code StripeClient.builder().setApiBase(...)} takes. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SandboxStripe.MOUNT_PATH;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Sends {@code checkout.session.completed} events to {@code url}, signed with {@code webhookSecret}. */
    public FakeStripeServer webhookTarget(String url, String webhookSecret) {
        sandbox.webhookTarget(url, webhookSecret);
        return this;
    }

    /** Delay before every API request is handled. */
    public void setLatency(Duration latency) {
        this.latency = Objects.requireNonNull(latency);
    }

    public void setFaults(FaultPlan plan) {
        this.faults = Objects.requireNonNull(plan);
    }

    /**
     * Limits the API requests per second as Stripe's rate limiter does (https://docs.stripe.com/rate-limits:
     * per account, 25 per second in test mode, 100 live): a request that would be the (limit + 1)th to arrive
     * within one second is answered 429 {@code rate_limit_error} (without an error code since API version
     * 2015-09-08, per Stripe's changelog) and counted in {@link #rateLimitedResponses()}. Stripe counts the
     * rejected requests too, so they take a place in the window. Off (0) unless set.
     */
    public void setRateLimitPerSecond(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0");
        }
        synchronized (window) {
            rateLimitPerSecond = limit;
            window.clear();
        }
    }

    /**
     * The most of the given requests that arrived within any one window (half-open: [t, t + window)), as
     * Stripe counts its rate limit where requests arrive.
     */
    public int maxArrivalsInAnyWindow(List<RecordedRequest> requests, Duration window) {
        var times = requests.stream().mapToLong(this::arrivalNanos).sorted().toArray();
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= window.toNanos()) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    private boolean overRateLimit(long arrivalNanos) {
        synchronized (window) {
            if (rateLimitPerSecond == 0) {
                return false;
            }
            while (!window.isEmpty() && arrivalNanos - window.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
                window.pollFirst();
            }
            window.addLast(arrivalNanos);
            return window.size() > rateLimitPerSecond;
        }
    }

    /** How long a {@link Fault#SLOW} answer takes; 30 seconds unless set. */
    public void setSlowResponseDelay(Duration delay) {
        this.slowResponseDelay = Objects.requireNonNull(delay);
    }

    /** Completes a checkout of the link as a buyer on the hosted page would; sends the webhook on success. */
    public CheckoutResult pay(String paymentLinkId, String cardNumber) {
        return sandbox.pay(paymentLinkId, cardNumber);
    }

    /**
     * A payment link made on the fake as Stripe would make it for {@code POST /v1/payment_links} (card only, one
     * completed session, one line of {@code amount} minor units), on the platform (account null) or a connected
     * account, with {@code metadata} on the link and in {@code payment_intent_data.metadata} as the app sends them;
     * in-process, so it takes no place in the request log or the rate limit. For tests that need a link Stripe
     * knows but the app did not create (the crash window, another deployment's link) or many links at once.
     *
     * @return the link's id
     */
    public String createPaymentLink(String account, Map<String, String> metadata, long amount, String currency) {
        var form = new StringBuilder("line_items[0][price_data][currency]=" + currency.toLowerCase(java.util.Locale.ROOT)
                + "&line_items[0][price_data][unit_amount]=" + amount
                + "&line_items[0][price_data][product_data][name]=Invoice&line_items[0][quantity]=1"
                + "&payment_method_types[0]=card&restrictions[completed_sessions][limit]=1");
        metadata.forEach((key, value) -> {
            String encoded = java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
            form.append("&metadata[").append(key).append("]=").append(encoded);
            form.append("&payment_intent_data[metadata][").append(key).append("]=").append(encoded);
        });
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", "Bearer " + secretKey);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (account != null) {
            headers.put("Stripe-Account", account);
        }
        var response = sandbox.handle("POST", "/v1/payment_links", headers, null, form.toString());
        if (response.status() != 200) {
            throw new IllegalStateException("The fake refused the link: " + response.body());
        }
        return com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    /** The account's events (null: the platform's), newest first: every one emitted, delivered or not. */
    public List<EmittedEvent> events(String account) {
        return sandbox.events(account);
    }

    /** Refunds part of a payment as the Dashboard does: {@code charge.refunded}. */
    public Map<String, Object> refund(String paymentIntentId, long amount) {
        return sandbox.refund(paymentIntentId, amount);
    }

    /** The buyer disputes the payment: {@code charge.dispute.created}. */
    public Map<String, Object> dispute(String paymentIntentId) {
        return sandbox.dispute(paymentIntentId);
    }

    /** The dispute closes {@code won} or {@code lost}: {@code charge.dispute.closed}. */
    public Map<String, Object> closeDispute(String paymentIntentId, String disputeId, String status) {
        return sandbox.closeDispute(paymentIntentId, disputeId, status);
    }

    /** The GET /v1/events requests received (since the last {@link #reset()}), on the given account or any. */
    public List<RecordedRequest> eventListings(java.util.Optional<String> account) {
        return requests.stream().filter(RecordedRequest::isListEvents)
                .filter(request -> account.isEmpty() || account.get().equals(request.header("Stripe-Account")))
                .toList();
    }

    public SandboxStripe sandbox() {
        return sandbox;
    }

    /** Every link that exists, newest first. */
    public List<SandboxPaymentLink> paymentLinks() {
        return sandbox.paymentLinks();
    }

    public List<WebhookDelivery> webhookDeliveries() {
        return sandbox.webhookDeliveries();
    }

    // ---- counters

    public long totalRequests() {
        return totalRequests.get();
    }

    /** POST /v1/payment_links calls received, faulted ones included. */
    public long createCalls() {
        return createCalls.get();
    }

    public long createCalls(String idempotencyKey) {
        var count = createCallsByKey.get(idempotencyKey);
        return count == null ? 0 : count.get();
    }

    /** Links that exist, however many calls it took. */
    public long distinctLinksCreated() {
        return sandbox.paymentLinks().size();
    }

    public List<SandboxPaymentLink> linksForInvoice(String invoiceId) {
        return sandbox.paymentLinks().stream()
                .filter(link -> invoiceId.equals(link.metadata().get(PaymentLinkMetadata.INVOICE)))
                .toList();
    }

    /** The invoice's links that can still be paid: there must never be more than one. */
    public List<SandboxPaymentLink> activeLinksForInvoice(String invoiceId) {
        return linksForInvoice(invoiceId).stream().filter(SandboxPaymentLink::active).toList();
    }

    /**
     * Holds every keyed request inside its execution (after Stripe took its idempotency key) until the returned
     * handle is closed, so that a concurrent request with the same key meets one "still executing".
     */
    public Hold holdExecutions() {
        var release = new java.util.concurrent.CountDownLatch(1);
        var entered = new AtomicInteger();
        sandbox.whileExecuting(() -> {
            entered.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Hold(entered, () -> {
            sandbox.whileExecuting(null);
            release.countDown();
        });
    }

    /** See {@link #holdExecutions()}. */
    public record Hold(AtomicInteger entered, Runnable release) implements AutoCloseable {

        public int executing() {
            return entered.get();
        }

        @Override
        public void close() {
            release.run();
        }
    }

    public long rateLimitedResponses() {
        return rateLimited.get();
    }

    public long serverErrorResponses() {
        return serverErrors.get();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** When the request arrived, in {@link System#nanoTime()}'s time (this JVM's). */
    public long arrivalNanos(RecordedRequest request) {
        return arrivals.get(request.sequence());
    }

    public List<RecordedRequest> createRequests() {
        return requests.stream().filter(RecordedRequest::isCreatePaymentLink).toList();
    }

    // ---- HTTP

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath().substring(SandboxStripe.MOUNT_PATH.length());
        var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
        var request = new RecordedRequest(sequence.incrementAndGet(), exchange.getRequestMethod(), path,
                Collections.unmodifiableMap(headers), exchange.getRequestURI().getRawQuery(), body,
                formParameters(body));
        long arrival = System.nanoTime();
        arrivals.put(request.sequence(), arrival);
        requests.add(request);
        totalRequests.incrementAndGet();
        if (request.isCreatePaymentLink()) {
            createCalls.incrementAndGet();
            if (request.idempotencyKey() != null) {
                createCallsByKey.computeIfAbsent(request.idempotencyKey(), key -> new AtomicLong()).incrementAndGet();
            }
        }
        Fault fault = !request.isApi() ? Fault.PASS
                : overRateLimit(arrival) ? Fault.RATE_LIMITED_429 : faults.next(request);
        Duration wait = request.isApi() ? latency : Duration.ZERO;
        if (wait.isZero()) {
            process(exchange, request, fault);
        } else {
            delays.schedule(() -> executor.execute(() -> process(exchange, request, fault)), wait.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void process(HttpExchange exchange, RecordedRequest request, Fault fault) {
        try {
            switch (fault) {
                case FAIL_500, FAIL_500_AFTER_CREATING -> {
                    serverErrors.incrementAndGet();
                    respond(exchange, sandbox.handle(request.method(), request.path(), request.headers(),
                            request.rawQuery(), request.body(), fault == Fault.FAIL_500
                                    ? SandboxServerFailure.BEFORE_CREATING : SandboxServerFailure.AFTER_CREATING),
                            Map.of());
                }
                case DROP_BEFORE_PROCESSING -> exchange.close();
                case RATE_LIMITED_429, RATE_LIMITED_429_SHOULD_RETRY -> {
                    rateLimited.incrementAndGet();
                    respond(exchange, error(429, "rate_limit_error", "Too many requests hit the API too quickly."),
                            fault == Fault.RATE_LIMITED_429_SHOULD_RETRY ? Map.of("Stripe-Should-Retry", "true")
                                    : Map.of());
                }
                case DROP_AFTER_PROCESSING -> {
                    handle(request);
                    // closing before the response headers makes the JDK server drop the connection
                    exchange.close();
                }
                case SLOW -> {
                    var response = handle(request);
                    delays.schedule(() -> executor.execute(() -> respondQuietly(exchange, response, Map.of())),
                            slowResponseDelay.toNanos(), TimeUnit.NANOSECONDS);
                }
                case PASS -> {
                    var response = handle(request);
                    if (response.status() >= 500) {
                        serverErrors.incrementAndGet();
                    }
                    respond(exchange, response, Map.of());
                }
            }
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    private SandboxResponse handle(RecordedRequest request) {
        return sandbox.handle(request.method(), request.path(), request.headers(), request.rawQuery(),
                request.body());
    }

    private static SandboxResponse error(int status, String type, String message) {
        return new SandboxResponse(status, Map.of("Content-Type", "application/json"),
                "{\"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}");
    }

    private void respondQuietly(HttpExchange exchange, SandboxResponse response, Map<String, String> extra) {
        try {
            respond(exchange, response, extra);
        } catch (IOException e) {
            // the client gave up waiting, which is what a slow answer is for
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, SandboxResponse response, Map<String, String> extra)
            throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        extra.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.bodyBytes();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> formParameters(String body) {
        var pairs = new java.util.LinkedHashMap<String, String>();
        if (body.isEmpty()) {
            return pairs;
        }
        Arrays.stream(body.split("&")).filter(pair -> !pair.isEmpty()).forEach(pair -> {
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                    StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1),
                    StandardCharsets.UTF_8);
            pairs.put(name, value);
        });
        return Collections.unmodifiableMap(pairs);
    }

    /**
     * As a fresh server for the next test: no faults, no rate limit, no latency, the default slow delay, zero counters and no
     * recorded requests. Links, sessions and payments stay, as they do at Stripe.
     */
    public void reset() {
        faults = FaultPlan.none();
        latency = Duration.ZERO;
        slowResponseDelay = Duration.ofSeconds(30);
        totalRequests.set(0);
        createCalls.set(0);
        rateLimited.set(0);
        serverErrors.set(0);
        setRateLimitPerSecond(0);
        createCallsByKey.clear();
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        executor.shutdownNow();
        sandbox.close();
    }
}
