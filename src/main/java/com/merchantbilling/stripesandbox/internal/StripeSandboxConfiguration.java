package com.merchantbilling.stripesandbox.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.stripesandbox.internal.store.JdbcSandboxStore;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;
import com.merchantbilling.stripesandbox.internal.webhooks.SandboxWebhooks;

/** The sandbox inside the application, on its own port under {@value SandboxStripe#MOUNT_PATH}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("stripe.sandbox.enabled")
class StripeSandboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeSandboxConfiguration.class);

    @Bean
    SandboxStore stripeSandboxStore(JdbcClient jdbc, TransactionTemplate transaction) {
        return new JdbcSandboxStore(jdbc, transaction);
    }

    @Bean
    SandboxWebhooks stripeSandboxWebhooks(StripeSandboxProperties properties, Environment environment) {
        var retry = properties.webhookRetry();
        var webhooks = new SandboxWebhooks(new SandboxStripe.WebhookRetry(retry.maxAttempts(), retry.initialBackoff(),
                retry.maxBackoff(), retry.requestTimeout()));
        webhooks.target(properties.webhookUrl(), environment.getRequiredProperty("stripe.webhook-secret"));
        webhooks.connectTarget(properties.connectWebhookUrl(),
                environment.getRequiredProperty("stripe.connect-webhook-secret"));
        return webhooks;
    }

    @Bean
    SandboxStripe sandboxStripe(SandboxStore store, SandboxWebhooks webhooks, StripeSandboxProperties properties,
            Environment environment, ObjectProvider<Clock> clock) {
        log.info("Stripe sandbox serves the Stripe API at {}{} and sends webhooks to {}",
                properties.publicBaseUrl(), SandboxStripe.MOUNT_PATH, properties.webhookUrl());
        return new SandboxStripe(store, webhooks, environment.getRequiredProperty("stripe.secret-key"),
                properties.publicBaseUrl(), clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Ahead of the merchant chain, for the sandbox's paths only. The API checks the bearer key itself, and the
     * checkout page is public like Stripe's hosted page: no sign-in, no session, and no CSRF token, since a
     * buyer's plain form post comes without one.
     */
    @Bean
    @Order(1)
    SecurityFilterChain stripeSandboxSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(SandboxStripe.MOUNT_PATH, SandboxStripe.MOUNT_PATH + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
