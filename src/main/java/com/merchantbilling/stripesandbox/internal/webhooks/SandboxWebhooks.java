package com.merchantbilling.stripesandbox.internal.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.merchantbilling.stripesandbox.SandboxStripe.WebhookRetry;
import com.merchantbilling.stripesandbox.WebhookDelivery;
import com.stripe.net.Webhook;

/**
 * Sends events to the webhook endpoint the way Stripe does: a JSON POST signed with the endpoint secret in
 * {@code Stripe-Signature}, in the background, retried with exponential backoff until a 2xx or the attempts
 * run out. Each attempt is signed afresh, as Stripe's are, so a retry never fails the receiver's timestamp
 * tolerance.
 */
public final class SandboxWebhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
    private static final int KEPT_DELIVERIES = 1_000;

    private record Target(URI url, String secret) {
    }

    private final WebhookRetry retry;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Deque<WebhookDelivery> deliveries = new ArrayDeque<>();
    private volatile Target target;
    private volatile java.util.function.Consumer<String> delivered = eventId -> { };
    private volatile Target connectTarget;

    public SandboxWebhooks(WebhookRetry retry) {
        Objects.requireNonNull(retry, "retry");
        this.retry = retry;
        this.http = HttpClient.newBuilder().connectTimeout(retry.requestTimeout()).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("stripe-sandbox-webhooks").daemon().factory());
    }

    /** Where events go from now on; a null url sends nothing (events are dropped, as with no endpoint). */
    public void target(String url, String secret) {
        if (url == null || url.isBlank()) {
            this.target = null;
            return;
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("A webhook endpoint needs a signing secret");
        }
        this.target = new Target(URI.create(url), secret);
    }

    /** Told the id of each event an endpoint took (2xx), for the event log's {@code delivery_success}. */
    public void onDelivered(java.util.function.Consumer<String> listener) {
        this.delivered = Objects.requireNonNull(listener);
    }

    /** Whether events have somewhere to go (Stripe's {@code pending_webhooks} counts the endpoints). */
    public boolean hasTarget() {
        return target != null;
    }

    /** Queues the event for delivery and returns at once. */
    /**
     * The Connect endpoint: events that happen on a connected account (those with {@code account}) go there,
     * signed with its own secret, as Stripe sends them only to endpoints created with {@code connect=true}
     * (docs.stripe.com/connect/webhooks). A null url: connected accounts' events go to {@link #target} instead,
     * for tests written before the sandbox knew Connect endpoints; the application always configures both.
     */
    public void connectTarget(String url, String secret) {
        if (url == null || url.isBlank()) {
            this.connectTarget = null;
            return;
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("A webhook endpoint needs a signing secret");
        }
        this.connectTarget = new Target(URI.create(url), secret);
    }

    /** Queues the event of the platform account for delivery and returns at once. */
    public void send(String eventId, String eventType, String payload) {
        send(eventId, eventType, payload, null);
    }

    /** Queues the event for delivery and returns at once; {@code account} is the connected account's, or null. */
    public void send(String eventId, String eventType, String payload, String account) {
        var connect = connectTarget;
        var to = account != null && connect != null ? connect : target;
        if (to == null) {
            log.debug("No webhook endpoint configured; event {} ({}) not sent", eventId, eventType);
            return;
        }
        scheduler.execute(() -> attempt(to, eventId, eventType, payload, 1));
    }

    /** The latest attempts, oldest first. */
    public List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    private void attempt(Target to, String eventId, String eventType, String payload, int attempt) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(to.url())
                    .timeout(retry.requestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) merchant-billing-sandbox")
                    .header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload, to.secret()))
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the webhook payload", e);
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = response == null ? 0 : response.statusCode();
            String error = failure == null ? null : String.valueOf(failure.getCause() != null
                    ? failure.getCause() : failure);
            var delivery = new WebhookDelivery(eventId, eventType, attempt, status, error, Instant.now());
            record(delivery);
            if (delivery.succeeded()) {
                delivered.accept(eventId);
                return;
            }
            if (attempt >= retry.maxAttempts()) {
                log.warn("Stripe sandbox gave up delivering {} {} to {} after {} attempts (last: {})", eventType,
                        eventId, to.url(), attempt, error != null ? error : "HTTP " + status);
                return;
            }
            var backoff = backoffBefore(attempt + 1);
            try {
                scheduler.schedule(() -> attempt(to, eventId, eventType, payload, attempt + 1), backoff.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // shutting down: the remaining attempts are dropped, as they would be with Stripe gone
            }
        });
    }

    /** Attempt n waits initialBackoff * 2^(n-2), at most maxBackoff. */
    private Duration backoffBefore(int attempt) {
        long factor = 1L << Math.min(attempt - 2, 20);
        var backoff = retry.initialBackoff().multipliedBy(factor);
        return backoff.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : backoff;
    }

    private void record(WebhookDelivery delivery) {
        synchronized (deliveries) {
            deliveries.addLast(delivery);
            while (deliveries.size() > KEPT_DELIVERIES) {
                deliveries.removeFirst();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.shutdownNow();
    }
}
