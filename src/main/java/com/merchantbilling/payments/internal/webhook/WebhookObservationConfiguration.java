package com.merchantbilling.payments.internal.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

/**
 * No {@code http.server.requests} observation for a Stripe delivery: {@link WebhookMetricsFilter} times it, for a
 * fraction of the cost (Spring Boot applies every {@link ObservationPredicate} bean to the registry).
 */
@Configuration(proxyBeanMethods = false)
class WebhookObservationConfiguration {

    @Bean
    static ObservationPredicate noHttpObservationOfWebhookDeliveries() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && StripeWebhookServlet.DELIVERIES.matches(request.getCarrier()));
    }
}
