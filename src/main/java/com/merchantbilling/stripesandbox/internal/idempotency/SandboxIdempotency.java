package com.merchantbilling.stripesandbox.internal.idempotency;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.FormEncoding;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * Stripe's idempotency for POST requests, as Stripe documents it ("Idempotent requests" in the API reference,
 * "Advanced error handling" / "Idempotency and retries"):
 * <ul>
 * <li>the status and body of the first request for a key are saved once the endpoint began executing, whether
 * it succeeded or failed, 500s included, and replayed for 24 hours with {@code Idempotent-Replayed: true};</li>
 * <li>nothing is saved when the parameters fail validation, or when another request with the same key is still
 * executing: that one is answered 409 {@code idempotency_key_in_use} (it does not wait);</li>
 * <li>the same key with other parameters is a 400 {@code idempotency_error};</li>
 * <li>keys are at most 255 characters.</li>
 * </ul>
 * A saved 500 is answered with {@code Stripe-Should-Retry: false}: stripe-java's {@code HttpClient.shouldRetry}
 * notes "we expect the Stripe-Should-Retry header to be false in most cases when a 500 is returned, since our
 * idempotency framework would typically replay it anyway", and it then does not retry.
 * <p>
 * Keys are scoped by connected account (Stripe-Account). Requests in flight are tracked in this JVM only,
 * which is enough for the single-instance developer run and for tests.
 */
public final class SandboxIdempotency {

    static final int MAX_KEY_LENGTH = 255;
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    /** What an executing request produced; {@code link} is stored with the saved answer when present. */
    public record Outcome(int status, String body, SandboxPaymentLink link) {
    }

    /** The request's execution after validation; a thrown {@link StripeApiError} is saved as its answer. */
    @FunctionalInterface
    public interface Execution {

        Outcome run();
    }

    /** Runs before execution; a thrown {@link StripeApiError} is not saved (a validation failure). */
    @FunctionalInterface
    public interface Validation {

        void run();
    }

    private final SandboxStore store;
    private final LongSupplier now;
    private final Map<String, String> executing = new ConcurrentHashMap<>();
    private volatile Runnable whileExecuting = () -> { };

    public SandboxIdempotency(SandboxStore store, LongSupplier epochSeconds) {
        this.store = Objects.requireNonNull(store);
        this.now = Objects.requireNonNull(epochSeconds);
    }

    /** Called inside each keyed execution, after the key was taken: lets tests hold a request "executing". */
    public void whileExecuting(Runnable hook) {
        this.whileExecuting = hook == null ? () -> { } : hook;
    }

    /**
     * Runs a POST: validated and executed directly without an {@code Idempotency-Key}; with one, as described
     * above, its fingerprint being the method, the path and the canonical form parameters.
     */
    public SandboxResponse handle(ApiRequest request, Validation validation, Execution execution) {
        String key = request.idempotencyKey();
        if (key == null) {
            validation.run();
            var outcome = execution.run();
            if (outcome.link() != null) {
                store.insertPaymentLink(outcome.link(), null);
            }
            return new SandboxResponse(outcome.status(), request.responseHeaders(), outcome.body());
        }
        return handle(request.idempotencyScope(), key, request.method() + " " + request.path() + "\n"
                + FormEncoding.canonical(request.form()), request.requestId(), request.responseHeaders(), validation,
                execution);
    }

    private SandboxResponse handle(String scope, String key, String fingerprint, String requestId,
            Map<String, String> responseHeaders, Validation validation, Execution execution) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw StripeApiError.invalid("Idempotency keys can be at most " + MAX_KEY_LENGTH
                    + " characters long.", null, null);
        }
        var saved = replay(scope, key, fingerprint, requestId, responseHeaders);
        if (saved != null) {
            return saved;
        }
        String slot = scope + "\n" + key;
        if (executing.putIfAbsent(slot, requestId) != null) {
            throw new StripeApiError(409, "invalid_request_error", "There is currently another in-progress "
                    + "request using this Idempotent Key (that probably means you submitted twice, and the other "
                    + "request is still going through): " + key + ". Please try again later.", null,
                    "idempotency_key_in_use");
        }
        try {
            // the first request may have finished between the look-up and taking the slot
            saved = replay(scope, key, fingerprint, requestId, responseHeaders);
            if (saved != null) {
                return saved;
            }
            validation.run();
            whileExecuting.run();
            Outcome outcome;
            try {
                outcome = execution.run();
            } catch (StripeApiError error) {
                outcome = new Outcome(error.status(), Json.write(error.toJson(requestId)), null);
            }
            var record = new SandboxIdempotencyRecord(scope, key, fingerprint, outcome.status(), outcome.body(),
                    requestId, now.getAsLong());
            if (outcome.link() != null) {
                store.insertPaymentLink(outcome.link(), record);
            } else {
                store.saveIdempotencyRecord(record);
            }
            return new SandboxResponse(outcome.status(), withRetryAdvice(responseHeaders, outcome.status()),
                    outcome.body());
        } finally {
            executing.remove(slot, requestId);
        }
    }

    private SandboxResponse replay(String scope, String key, String fingerprint, String requestId,
            Map<String, String> responseHeaders) {
        var previous = store.findIdempotencyRecord(scope, key)
                .filter(record -> now.getAsLong() - record.created() < KEY_LIFETIME.toSeconds());
        if (previous.isEmpty()) {
            return null;
        }
        var record = previous.get();
        if (!record.fingerprint().equals(fingerprint)) {
            throw new StripeApiError(400, "idempotency_error", "Keys for idempotent requests can only be "
                    + "used with the same parameters they were first used with. Try using a key other "
                    + "than '" + key + "' if you meant to execute a different request.", null, null);
        }
        var replayed = withRetryAdvice(responseHeaders, record.status());
        replayed.put("Idempotent-Replayed", "true");
        replayed.put("Original-Request", record.requestId());
        return new SandboxResponse(record.status(), replayed, record.body());
    }

    private static Map<String, String> withRetryAdvice(Map<String, String> headers, int status) {
        var result = new LinkedHashMap<>(headers);
        if (status >= 500) {
            // a saved 500 is replayed to every retry with this key: trying again is a no-op
            result.put("Stripe-Should-Retry", "false");
        }
        return result;
    }
}
