package com.merchantbilling.payments.internal.stripe;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Every Stripe call of the app goes through here: one app-wide rate limit (Stripe counts per account
 * and second), and retries with exponential backoff and jitter for what stripe-java does not retry
 * itself (a plain 429) or has given up on (connection errors, 5xx). Permanent errors are not retried.
 */
@Component
public class StripeCallPolicy {

    private static final Logger log = LoggerFactory.getLogger(StripeCallPolicy.class);

    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final java.util.function.Function<String, io.micrometer.core.instrument.Timer> callTimer;

    /** With the app's meters: each Stripe HTTP attempt's latency (stripe.calls) and the retries (stripe.call.retries). */
    public StripeCallPolicy(StripeProperties properties, io.micrometer.core.instrument.MeterRegistry meters) {
        this.callTimer = outcome -> io.micrometer.core.instrument.Timer.builder("stripe.calls")
                .description("Stripe API calls, each attempt on its own").tag("outcome", outcome)
                .publishPercentileHistogram(false).register(meters);
        var retryCounter = io.micrometer.core.instrument.Counter.builder("stripe.call.retries")
                .description("Stripe calls tried again after a transient failure").register(meters);
        // one permit per 1/rate seconds: an even pace instead of a burst at the start of each second
        this.rateLimiter = RateLimiter.of("stripe", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L / properties.rateLimitPerSecond()))
                .timeoutDuration(Duration.ofMinutes(10))
                .build());
        this.retry = Retry.of("stripe", RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.retryBackoff(), 2.0, 0.5,
                        Duration.ofSeconds(30)))
                .retryOnException(StripeCallPolicy::isTransient)
                .failAfterMaxAttempts(false)
                .build());
        callTimer.apply("success");
        callTimer.apply("failure");
        retry.getEventPublisher().onRetry(event -> retryCounter.increment());
        retry.getEventPublisher().onRetry(event -> log.info("Stripe call retry {} after {}",
                event.getNumberOfRetryAttempts(), describe(event.getLastThrowable())));
    }

    /** Runs a Stripe call under the rate limit, retrying transient failures. */
    public <T> T call(StripeCall<T> call) throws StripeException {
        Supplier<T> limited = RateLimiter.decorateSupplier(rateLimiter, () -> {
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
        });
        try {
            return Retry.decorateSupplier(retry, limited).get();
        } catch (WrappedStripeException e) {
            throw e.stripe;
        }
    }

    public long retries() {
        return retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()
                + retry.getMetrics().getNumberOfFailedCallsWithRetryAttempt();
    }

    /** Worth another try with the same idempotency key: Stripe may or may not have done the work. */
    public static boolean isTransient(Throwable failure) {
        Throwable cause = failure instanceof WrappedStripeException wrapped ? wrapped.stripe : failure;
        if (cause instanceof RateLimitException || cause instanceof ApiConnectionException
                || cause instanceof ApiException) {
            return true;
        }
        if (cause instanceof IdempotencyException idempotency) {
            // 409: the same key is still being processed; 400: the key was used with other parameters
            return idempotency.getStatusCode() != null && idempotency.getStatusCode() == 409;
        }
        return cause instanceof StripeException stripe && stripe.getStatusCode() != null
                && stripe.getStatusCode() >= 500;
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
