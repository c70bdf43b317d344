package com.merchantbilling.ui.security;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.merchantbilling.ui.login.LoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * The merchant-facing chain: every view needs a signed-in user except the login view. Vaadin's configurer
 * keeps CSRF protection, session fixation protection and the login/logout flow on. Sign-in is checked for its
 * origin ({@link LoginOriginFilter}) and throttled per username and address ({@link SignInThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String LOGIN_PATH = "/login";

    /**
     * The sign-in itself, the login form's POST (what Spring Security's form login authenticates): the one
     * matcher both the origin check and the throttle look at ({@link SignInFilter}), so neither can miss a sign-in
     * the other sees.
     */
    static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, LOGIN_PATH);

    @Bean
    SecurityFilterChain merchantSecurityFilterChain(HttpSecurity http, SignInThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/styles.css", "/payment-slips.css",
                "/favicon.ico", "/images/**").permitAll());
        http.addFilterBefore(new LoginOriginFilter(), UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, LOGIN_PATH))
                .build();
    }
}
