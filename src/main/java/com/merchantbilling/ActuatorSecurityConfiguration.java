package com.merchantbilling;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * /actuator/** has its own chain, ahead of the webhook and merchant chains: health is public (load
 * balancers, uptime checks; details only for the operator), info and metrics need the operator role, everything
 * else under /actuator is refused. The operator signs in with HTTP Basic against {@link OperatorProperties} only:
 * this chain's authentication knows no merchant users, and a merchant's browser session (same cookie) carries no
 * ROLE_OPERATOR, so a merchant of one tenant never reads the deployment's metrics, which span all tenants.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, OperatorProperties operator,
            PasswordEncoder passwords) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        var provider = new DaoAuthenticationProvider(operators(operator));
        provider.setPasswordEncoder(passwords);
        return http
                .authenticationManager(new ProviderManager(provider))
                .securityMatcher(paths.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"))
                        .permitAll()
                        .requestMatchers(paths.matcher("/actuator"), paths.matcher("/actuator/info"),
                                paths.matcher("/actuator/metrics"), paths.matcher("/actuator/metrics/**"))
                        .hasRole(OPERATOR)
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

    static final String OPERATOR = "OPERATOR";

    private static UserDetailsService operators(OperatorProperties operator) {
        if (!operator.present()) {
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(operator.username())
                .password(operator.passwordHash()).roles(OPERATOR).build());
    }

    private static void unauthorized(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.core.AuthenticationException failure) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Merchant Billing\"");
        response.setStatus(401);
    }
}
