package com.merchantbilling.payments.internal.webhook;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts webhook deliveries by what we answered: 2xx received (new, duplicate or ignored), anything else
 * rejected (bad signature, wrong content type, too large, not configured).
 */
@Component
class WebhookMetricsFilter extends OncePerRequestFilter {

    private final Counter received;
    private final Counter rejected;

    WebhookMetricsFilter(MeterRegistry meters) {
        received = Counter.builder("stripe.webhooks").tag("result", "received")
                .description("Stripe webhook deliveries").register(meters);
        rejected = Counter.builder("stripe.webhooks").tag("result", "rejected")
                .description("Stripe webhook deliveries").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the Connect endpoint's deliveries count with the platform's: both are Stripe's deliveries to us
        return !("POST".equals(request.getMethod()) && (StripeWebhookController.PATH.equals(request.getRequestURI())
                || StripeWebhookController.CONNECT_PATH.equals(request.getRequestURI())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            (response.getStatus() < 300 ? received : rejected).increment();
        }
    }
}
