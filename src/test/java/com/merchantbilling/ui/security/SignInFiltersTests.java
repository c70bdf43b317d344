package com.merchantbilling.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/** The origin check and the throttle look at the same requests: the sign-in POST, under any context path. */
class SignInFiltersTests {

    final List<OncePerRequestFilter> filters = List.of(new LoginOriginFilter(SecurityConfiguration.SIGN_IN),
            new SignInThrottleFilter(SecurityConfiguration.SIGN_IN, SecurityConfiguration.LOGIN_PATH, null));

    @Test
    void bothFilterTheSignInPostOnly() {
        for (var filter : filters) {
            assertThat(looksAt(filter, "POST", "", "/login")).as("%s, the sign-in", filter).isTrue();
            assertThat(looksAt(filter, "POST", "/billing", "/billing/login")).as("%s, under a context path", filter)
                    .isTrue();
            assertThat(looksAt(filter, "GET", "", "/login")).as("%s, the login page", filter).isFalse();
            assertThat(looksAt(filter, "POST", "", "/login/other")).as("%s, another path", filter).isFalse();
            assertThat(looksAt(filter, "POST", "", "/stripe/webhook")).as("%s, the webhook", filter).isFalse();
        }
    }

    private static boolean looksAt(OncePerRequestFilter filter, String method, String contextPath, String uri) {
        var request = new MockHttpServletRequest(method, uri);
        request.setContextPath(contextPath);
        return !switch (filter) {
            case LoginOriginFilter origin -> origin.shouldNotFilter(request);
            case SignInThrottleFilter throttle -> throttle.shouldNotFilter(request);
            default -> throw new IllegalArgumentException(filter.toString());
        };
    }
}
