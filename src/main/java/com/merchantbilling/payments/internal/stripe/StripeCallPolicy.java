package com.merchantbilling.payments.internal.stripe;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Every Stripe call of the app goes through here: the cluster-wide budget ({@link StripeBudget}: Stripe
 * counts per account and second, whatever the number of our nodes; fair between organizations), and retries with exponential backoff and jitter for what stripe-java does not retry
 * itself (a plain 429) or has given up on. Permanent errors are not retried.
 * <p>
 * A call with an idempotency key ({@link #callWithKey}) is retried only where Stripe executed and saved
 * nothing: a 429, and a 409 (another request with the key is still executing). Stripe saves the first answer
 * for a key once the endpoint began executing, 500s included, and replays it for 24 hours (Stripe API
 * reference, "Idempotent requests"), so retrying a 500 or a lost answer with the same key only ever replays it;
 * whether the object exists is for the caller to find out (see the link creation's resolution).
 */
@Component
public class StripeCallPolicy {

    private static final Logger log = LoggerFactory.getLogger(StripeCallPolicy.class);

    private final StripeBudget budget;
    private final Retry retry;
    private final Retry keyedRetry;
    private final java.util.function.Function<String, io.micrometer.core.instrument.Timer> callTimer;

    /** For tests building a policy by hand: a budget within this JVM only. */
    public StripeCallPolicy(StripeProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
        this(properties, meters, StripeBudget.local(properties.rateLimitPerSecond()));
    }

    /**
     * With the app's meters: each Stripe HTTP attempt's latency (stripe.calls), the retries (stripe.call.retries)
     * and the waits for a slot (stripe.budget.wait, see {@link StripeBudget}).
     */
    @org.springframework.beans.factory.annotation.Autowired
    public StripeCallPolicy(StripeProperties properties, io.micrometer.core.instrument.MeterRegistry meters,
            StripeBudget budget) {
        this.budget = budget;
        this.callTimer = outcome -> io.micrometer.core.instrument.Timer.builder("stripe.calls")
                .description("Stripe API calls, each attempt on its own").tag("outcome", outcome)
                .publishPercentileHistogram(false).register(meters);
        var retryCounter = io.micrometer.core.instrument.Counter.builder("stripe.call.retries")
                .description("Stripe calls tried again after a transient failure").register(meters);
        this.retry = retry("stripe", properties, StripeCallPolicy::isTransient);
        this.keyedRetry = retry("stripe-keyed", properties, StripeCallPolicy::isRetryableWithSameKey);
        callTimer.apply("success");
        callTimer.apply("failure");
        for (var each : new Retry[] { retry, keyedRetry }) {
            each.getEventPublisher().onRetry(event -> retryCounter.increment());
            // DEBUG: the caller logs the outcome once; a line per retry would repeat it
            each.getEventPublisher().onRetry(event -> log.debug("Stripe call retry {} after {}",
                    event.getNumberOfRetryAttempts(), describe(event.getLastThrowable())));
        }
    }

    private static Retry retry(String name, StripeProperties properties,
            java.util.function.Predicate<Throwable> retryable) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.retryBackoff(), 2.0, 0.5,
                        Duration.ofSeconds(30)))
                .retryOnException(retryable)
                .failAfterMaxAttempts(false)
                .build());
    }

    /**
     * Runs a Stripe call without an idempotency key (a read) on the platform account's budget, not on any
     * organization's turn; prefer {@link #call(StripeCaller, StripeCall)}.
     */
    public <T> T call(StripeCall<T> call) throws StripeException {
        return call(StripeCaller.PLATFORM, call, retry);
    }

    /** Runs a Stripe call without an idempotency key (a read) within the budget, retrying transient failures. */
    public <T> T call(StripeCaller caller, StripeCall<T> call) throws StripeException {
        return call(caller, call, retry);
    }

    /**
     * Runs a Stripe call with an idempotency key under the rate limit, retrying only what Stripe did not execute
     * (429, 409); a 5xx, a timeout or a dropped connection is the caller's to resolve.
     */
    public <T> T callWithKey(StripeCall<T> call) throws StripeException {
        return call(StripeCaller.PLATFORM, call, keyedRetry);
    }

    /** {@link #callWithKey(StripeCall)} within the caller's budget: its account, its organization's turn. */
    public <T> T callWithKey(StripeCaller caller, StripeCall<T> call) throws StripeException {
        return call(caller, call, keyedRetry);
    }

    private <T> T call(StripeCaller caller, StripeCall<T> call, Retry retry) throws StripeException {
        // each attempt, retries included, takes its own slot: Stripe counts every request
        Supplier<T> limited = () -> {
            try {
                budget.acquire(caller);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a Stripe request slot", e);
            }
            long start = System.nanoTime();
            String outcome = "failure";
            try {
                T result = call.run();
                outcome = "success";
                return result;
            } catch (StripeException e) {
                throw new WrappedStripeException(e);
            } finally {
                callTimer.apply(outcome).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
        try {
            return Retry.decorateSupplier(retry, limited).get();
        } catch (WrappedStripeException e) {
            throw e.stripe;
        }
    }

    public long retries() {
        long total = 0;
        for (var each : new Retry[] { retry, keyedRetry }) {
            total += each.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()
                    + each.getMetrics().getNumberOfFailedCallsWithRetryAttempt();
        }
        return total;
    }

    /**
     * Worth another try of a call without an idempotency key: a 429 or 409, a connection failure, or a 5xx
     * Stripe did not mark {@code Stripe-Should-Retry: false} (stripe-java's {@code HttpClient.shouldRetry}
     * defers to that header too).
     */
    public static boolean isTransient(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (isRetryableWithSameKey(cause) || cause instanceof ApiConnectionException) {
            return true;
        }
        return cause instanceof StripeException stripe && status(stripe) >= 500 && !stripeAdvisesAgainstRetry(stripe);
    }

    /**
     * Worth another try with the same idempotency key because Stripe executed and saved nothing: a 429 (the
     * request was refused before it ran) or a 409 (another request with the key is still executing; Stripe
     * saves nothing for it), or a refused connection. stripe-java maps the 409 to an ApiException, a 400 idempotency_error (same key,
     * other parameters) to an IdempotencyException, which is permanent.
     */
    public static boolean isRetryableWithSameKey(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RateLimitException || neverConnected(cause)
                || cause instanceof StripeException stripe && status(stripe) == 409;
    }

    /** The connection was refused: the request never reached Stripe (stripe-java retries this itself too). */
    private static boolean neverConnected(Throwable cause) {
        return cause instanceof ApiConnectionException && cause.getCause() instanceof java.net.ConnectException;
    }

    /**
     * Stripe may or may not have done the work: a 5xx (saved under the key if execution began, so replayed to
     * every retry with that key) or an answer that never arrived (timeout, dropped connection).
     */
    public static boolean isUncertain(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof ApiConnectionException && !neverConnected(cause)
                || cause instanceof StripeException stripe && status(stripe) >= 500;
    }

    /** Stripe answered {@code Stripe-Should-Retry: false}: a retry with the same key would be a no-op. */
    static boolean stripeAdvisesAgainstRetry(StripeException stripe) {
        var error = stripe.getStripeError();
        var response = error == null ? null : error.getLastResponse();
        if (response == null || response.headers() == null) {
            return false;
        }
        return "false".equals(response.headers().firstValue("Stripe-Should-Retry").orElse(null))
                || "true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null));
    }

    private static int status(StripeException stripe) {
        return stripe.getStatusCode() == null ? 0 : stripe.getStatusCode();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof WrappedStripeException wrapped ? wrapped.stripe : failure;
    }

    /** A reason a merchant can act on, without any secret. */
    public static String describe(Throwable failure) {
        Throwable cause = failure instanceof WrappedStripeException wrapped ? wrapped.stripe : failure;
        if (cause instanceof AuthenticationException) {
            return "Stripe rejected the API key; check STRIPE_SECRET_KEY";
        }
        if (cause instanceof PermissionException) {
            return "The Stripe account does not allow this request";
        }
        if (cause instanceof StripeException stripe) {
            var error = stripe.getStripeError();
            var message = error != null && error.getMessage() != null ? error.getMessage() : stripe.getMessage();
            var status = stripe.getStatusCode() == null ? "" : " (HTTP " + stripe.getStatusCode() + ")";
            return message + status;
        }
        return String.valueOf(cause);
    }

    @FunctionalInterface
    public interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static final class WrappedStripeException extends RuntimeException {

        private final StripeException stripe;

        WrappedStripeException(StripeException stripe) {
            super(stripe.getMessage(), stripe, false, false);
            this.stripe = stripe;
        }
    }
}
