package com.merchantbilling.stripesandbox.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

import com.merchantbilling.stripesandbox.SandboxStripe;

/**
 * With the sandbox off its paths do not exist for anyone: 404, signed in or not. Without this chain they would
 * fall to the merchant chain (a sign-in redirect) and then to Vaadin's catch-all route, which looks like a page
 * that might be there; a payment link URL kept from a sandbox run must plainly lead nowhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "stripe.sandbox.enabled", havingValue = false, matchIfMissing = true)
class StripeSandboxOffConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain stripeSandboxOffSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(SandboxStripe.MOUNT_PATH, SandboxStripe.MOUNT_PATH + "/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.NOT_FOUND))
                        .accessDeniedHandler((request, response, denied) ->
                                response.sendError(HttpStatus.NOT_FOUND.value())))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
