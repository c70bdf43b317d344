package com.merchantbilling.support;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.StringUtils;

/**
 * The one place where test application contexts ask for the Stripe sandbox: a context started by Spring's
 * TestContext framework (@SpringBootTest, @ApplicationModuleTest) that configures no Stripe key gets
 * {@code stripe.sandbox.enabled=true}, as the developer run does, unless it is a {@link FakeStripe} test: that one gets
 * {@link FakeStripe#SECRET_KEY} and {@link FakeStripe#WEBHOOK_SECRET} as defaults. Anything the test sets itself wins
 * (a key, or {@code stripe.sandbox.enabled=false}).
 * <p>
 * Applications started otherwise on the test classpath (the developer run, {@link AppProcess}'s production main
 * class, a plain {@code SpringApplication} in a test) get nothing from here: they start as production does.
 * Runs before the sandbox's own post-processor, which decides on {@code stripe.sandbox.enabled}.
 */
public class TestStripeSandboxEnvironment implements EnvironmentPostProcessor, Ordered {

    /**
     * Spring Boot's test bootstrappers always inline a differentiator property, so every context they start has
     * this property source before the post-processors run; an application started by a main method has none.
     */
    static final String TEST_CONTEXT_MARKER = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(TEST_CONTEXT_MARKER)
                && !StringUtils.hasText(environment.getProperty("stripe.secret-key"))) {
            if (environment.getProperty(FakeStripe.MARKER_PROPERTY, Boolean.class, false)) {
                // @FakeStripe: its server takes the context's key; defaults only, a key the test sets wins
                environment.getPropertySources().addLast(new MapPropertySource("testFakeStripe", Map.of(
                        "stripe.secret-key", FakeStripe.SECRET_KEY,
                        "stripe.webhook-secret", FakeStripe.WEBHOOK_SECRET)));
            } else {
                environment.getPropertySources().addLast(
                        new MapPropertySource("testStripeSandbox", Map.of("stripe.sandbox.enabled", "true")));
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
