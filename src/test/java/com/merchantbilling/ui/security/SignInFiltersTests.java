package com.merchantbilling.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The origin check and the throttle look at the same requests: the sign-in POST, under any context path. */
class SignInFiltersTests {

    final List<SignInFilter> filters = List.of(new LoginOriginFilter(), new SignInThrottleFilter(null));

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

    private static boolean looksAt(SignInFilter filter, String method, String contextPath, String uri) {
        var request = new MockHttpServletRequest(method, uri);
        request.setContextPath(contextPath);
        return !filter.shouldNotFilter(request);
    }
}
