package com.merchantbilling.ui.security;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

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
class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleFilter.class);

    private final RequestMatcher signIn;
    private final String loginPath;
    private final SignInThrottle throttle;

    /** {@code signIn}: the sign-in POST ({@link SecurityConfiguration#SIGN_IN}); {@code loginPath}: where to wait. */
    SignInThrottleFilter(RequestMatcher signIn, String loginPath, SignInThrottle throttle) {
        this.signIn = signIn;
        this.loginPath = loginPath;
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !signIn.matches(request);
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
            response.setHeader("Location", request.getContextPath() + loginPath + "?throttled="
                    + (wait.toSeconds() + 1));
            return;
        }
        chain.doFilter(request, response);
    }
}
