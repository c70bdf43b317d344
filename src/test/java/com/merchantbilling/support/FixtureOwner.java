package com.merchantbilling.support;

import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

import com.merchantbilling.organizations.MerchantRole;

/**
 * Every Spring test's own thread acts as an Owner (registered for all test contexts in META-INF/spring.factories):
 * the modules' APIs check the caller's role ({@link MerchantRole}), and tests set up organizations, invoices and
 * links through those APIs without signing anyone in. A test that is about a role signs in itself
 * ({@link SignedIn#as(com.merchantbilling.organizations.OrganizationId, String, MerchantRole)}) or clears the
 * context ({@link SignedIn#clear()}), which wins for that test. Threads a test starts itself carry no context
 * (SecurityContextHolder is thread-bound): such a test wraps its executor in Spring Security's
 * {@code DelegatingSecurityContextExecutorService}.
 * <p>
 * Ordered before spring-security-test's {@code WithSecurityContextTestExecutionListener} (10000), so a
 * {@code @WithMockUser} still decides for its test.
 */
public class FixtureOwner implements TestExecutionListener, org.springframework.core.Ordered {

    public static final String NAME = "test-fixture";

    /** The running test's context, for {@link SignedIn} to store the users it signs in. */
    private static volatile ApplicationContext current;

    @Override
    public int getOrder() {
        return 9_000;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        actAsOwner();
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        current = testContext.getApplicationContext();
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        current = testContext.getApplicationContext();
        actAsOwner();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        SecurityContextHolder.clearContext();
        current = null;
    }

    static java.util.Optional<ApplicationContext> currentContext() {
        return java.util.Optional.ofNullable(current);
    }

    /** What every test thread starts with; also for a test that signed someone in and goes back to setting up. */
    public static void actAsOwner() {
        var context = SecurityContextHolder.createEmptyContext();
        var owner = new TestingAuthenticationToken(NAME, null,
                List.of(MerchantRole.OWNER.grantedAuthority()));
        context.setAuthentication(owner);
        SecurityContextHolder.setContext(context);
    }
}
