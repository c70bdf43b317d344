package com.merchantbilling.ui.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a sign-in posted from another site. Vaadin exempts the login form from CSRF tokens (its login
 * component does not send one), which would let a foreign page sign a merchant into the attacker's
 * organization. Browsers send {@code Origin} on every cross-site POST, so comparing it with our own origin
 * closes that hole without touching the form. A request without {@code Origin} (not a browser's
 * cross-site form) passes.
 * <p>
 * "Our own origin" is the request's scheme, host and port, which behind a load balancer are the forwarded ones:
 * {@code server.forward-headers-strategy=native} has Tomcat apply {@code X-Forwarded-Proto/-Host/-Port} from an
 * internal proxy before this filter runs, so a browser on {@code https://billing.example} is compared with that,
 * not with the node's own {@code http://10.0.0.5:8081}.
 */
class LoginOriginFilter extends SignInFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginOriginFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            log.warn("Sign-in from a foreign origin refused");
            // written directly: sendError would dispatch to /error, which this chain answers with the login page
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Sign-in from another site is not allowed");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            var uri = URI.create(origin);
            int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            return request.getScheme().equals(uri.getScheme())
                    && request.getServerName().toLowerCase(Locale.ROOT).equals(String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT))
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
