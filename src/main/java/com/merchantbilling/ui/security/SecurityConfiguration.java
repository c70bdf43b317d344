package com.merchantbilling.ui.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

import com.merchantbilling.ui.login.LoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

/**
 * The merchant-facing chain: every view needs a signed-in user except the login view. Vaadin's configurer
 * keeps CSRF protection, session fixation protection and the login/logout flow on.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain merchantSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/styles.css", "/payment-slips.css", "/favicon.ico", "/images/**").permitAll());
        http.addFilterBefore(new LoginOriginFilter("/login"), UsernamePasswordAuthenticationFilter.class);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"))
                .build();
    }
}
