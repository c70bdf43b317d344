package com.merchantbilling.ui.security;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A filter that sees the sign-in POST and nothing else ({@link SecurityConfiguration#SIGN_IN}): the origin check
 * and the throttle look at exactly the requests Spring Security's form login authenticates.
 */
abstract class SignInFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SecurityConfiguration.SIGN_IN.matches(request);
    }
}
