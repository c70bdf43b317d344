package com.merchantbilling.ui.security;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Holds back a sign-in (POST /login) while its username or its client address has used up its failed attempts
 * ({@link SignInThrottle}): the password is not even checked, and the login page says to wait, the same for any
 * username. The client address is the request's, which behind our load balancer is the forwarded one
 * ({@code server.forward-headers-strategy=native}, see application.properties).
 */
class SignInThrottleFilter extends SignInFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleFilter.class);

    private final SignInThrottle throttle;

    SignInThrottleFilter(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var wait = throttle.waitBefore(request.getParameter("username"), request.getRemoteAddr());
        if (!wait.isZero()) {
            throttle.heldBack(request.getRemoteAddr());
            log.warn("Sign-in held back for {} s (too many failed attempts for the username or the address)",
                    wait.toSeconds() + 1);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + SecurityConfiguration.LOGIN_PATH + "?throttled="
                    + (wait.toSeconds() + 1));
            return;
        }
        chain.doFilter(request, response);
    }
}
