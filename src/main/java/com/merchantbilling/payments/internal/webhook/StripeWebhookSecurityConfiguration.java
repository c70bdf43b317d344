package com.merchantbilling.payments.internal.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stripe cannot sign in and cannot send a CSRF token; the signature is its authentication. This chain
 * covers exactly POST /stripe/webhook and POST /stripe/webhook/connect, ahead of the merchant chain (which has no order and so comes
 * last); every other request, GET /stripe/webhook included, stays with the merchant chain.
 */
@Configuration(proxyBeanMethods = false)
class StripeWebhookSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain stripeWebhookSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(StripeWebhookServlet.DELIVERIES)
                // No authorization rules, hence no AuthorizationFilter: every request this chain matches is allowed
                // to reach the servlet, which authenticates it by its signature. Each filter that has nothing
                // to do for a stateless machine-to-machine POST is off: no session or security context to load or
                // save, no anonymous principal, no response headers for a browser, no login redirect. What is left
                // is the WebAsyncManagerIntegrationFilter. This was 12 % of a webhook request's CPU in the
                // throughput benchmark's profile with the default filters (issue 15); an ignored path
                // (WebSecurityCustomizer) would cost as little, but Spring Security advises against it.
                .csrf(csrf -> csrf.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.disable())
                .anonymous(anonymous -> anonymous.disable())
                .headers(headers -> headers.disable())
                .exceptionHandling(exceptions -> exceptions.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .build();
    }

    /**
     * No Micrometer observation around each filter of the filter chains (Spring Security 7.1,
     * SecurityObservationSettings; reference "Observability"): with an ObservationRegistry present every filter of
     * every request is wrapped in one, which cost about 8% of the CPU of a webhook request in the throughput
     * benchmark's profile (issue 15). Nobody traces here; sign-in and authorization observations stay, and so does
     * http.server.requests.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }
}
