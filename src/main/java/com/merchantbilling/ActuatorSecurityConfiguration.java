package com.merchantbilling;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * /actuator/** has its own chain, ahead of the webhook and merchant chains: health is public (load
 * balancers, uptime checks; details only for a signed-in user), info and metrics need a signed-in user
 * (session or HTTP Basic), everything else under /actuator is refused.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        return http
                .securityMatcher(paths.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"))
                        .permitAll()
                        .requestMatchers(paths.matcher("/actuator"), paths.matcher("/actuator/info"),
                                paths.matcher("/actuator/metrics"), paths.matcher("/actuator/metrics/**"))
                        .authenticated()
                        .anyRequest().denyAll())
                // status codes set directly: a sendError would dispatch to /error, which the merchant chain
                // turns into a redirect to the login page
                .httpBasic(basic -> basic.authenticationEntryPoint(ActuatorSecurityConfiguration::unauthorized))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ActuatorSecurityConfiguration::unauthorized)
                        .accessDeniedHandler((request, response, denied) -> response.setStatus(403)))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    private static void unauthorized(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException failure) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Merchant Billing\"");
        response.setStatus(401);
    }
}
