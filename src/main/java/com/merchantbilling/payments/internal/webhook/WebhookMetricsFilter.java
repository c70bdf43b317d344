package com.merchantbilling.payments.internal.webhook;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Times webhook deliveries by what we answered: 2xx received (new, duplicate or ignored), anything else
 * rejected (bad signature, wrong content type, too large, not configured). This timer is the endpoint's metric
 * instead of {@code http.server.requests}: the generic observation (its context, key values, a long task timer
 * and a timer per request) was about 7 % of a webhook request's CPU in the throughput benchmark's profile, where
 * the endpoint has to answer a thousand deliveries a second on two cores (issue 15). See
 * {@link WebhookObservationConfiguration}.
 */
@Component
class WebhookMetricsFilter extends OncePerRequestFilter {

    private final Timer received;
    private final Timer rejected;

    WebhookMetricsFilter(MeterRegistry meters) {
        received = Timer.builder("stripe.webhooks").tag("result", "received")
                .description("Stripe webhook deliveries, until answered").register(meters);
        rejected = Timer.builder("stripe.webhooks").tag("result", "rejected")
                .description("Stripe webhook deliveries, until answered").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the Connect endpoint's deliveries count with the platform's: both are Stripe's deliveries to us
        return !StripeWebhookServlet.DELIVERIES.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            (response.getStatus() < 300 ? received : rejected).record(System.nanoTime() - start,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
