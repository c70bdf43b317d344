package com.merchantbilling.stripesandbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns the Stripe sandbox on when no Stripe secret key is configured, so the developer run and the tests need
 * no Stripe account: the application's Stripe client then talks to the sandbox on the application's own port.
 * The keys are random per start rather than fixed in a file, so nothing here looks like a usable secret.
 * Defaults go last: anything set explicitly wins, except a blank value, which counts as not set.
 */
class StripeSandboxEnvironment implements EnvironmentPostProcessor {

    static final String DEFAULTS = "stripeSandboxDefaults";
    static final String BLANK_OVERRIDES = "stripeSandboxBlankOverrides";
    private static final String PORT = "${server.port:8080}";

    private final Log log;

    StripeSandboxEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(StripeSandboxEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("stripe.secret-key"))) {
            return;
        }
        var defaults = new LinkedHashMap<String, Object>();
        var blankOverrides = new LinkedHashMap<String, Object>();
        defaults.put("stripe.sandbox.enabled", "true");
        unlessSet(environment, "stripe.secret-key", "sk_test_sandbox_" + Ids.random(24), defaults, blankOverrides);
        unlessSet(environment, "stripe.webhook-secret", "whsec_sandbox_" + Ids.random(32), defaults,
                blankOverrides);
        unlessSet(environment, "stripe.api-base", "http://127.0.0.1:" + PORT + "/stripe-sandbox", defaults,
                blankOverrides);
        defaults.put("stripe.sandbox.webhook-url", "http://127.0.0.1:" + PORT + "/stripe/webhook");
        defaults.put("stripe.sandbox.public-base-url", "http://localhost:" + PORT);
        var sources = environment.getPropertySources();
        sources.addLast(new MapPropertySource(DEFAULTS, defaults));
        if (!blankOverrides.isEmpty()) {
            sources.addFirst(new MapPropertySource(BLANK_OVERRIDES, blankOverrides));
        }
        if ("true".equalsIgnoreCase(environment.getProperty("stripe.sandbox.enabled"))) {
            log.warn("No Stripe secret key is set (STRIPE_SECRET_KEY): the built-in Stripe sandbox is on. "
                    + "Payment links and checkouts are simulated; no real money moves.");
        }
    }

    /** Absent: a default anyone can override. Present but blank (e.g. {@code ${STRIPE_X:}}): replaced. */
    private static void unlessSet(ConfigurableEnvironment environment, String name, String value,
            Map<String, Object> defaults, Map<String, Object> blankOverrides) {
        if (!environment.containsProperty(name)) {
            defaults.put(name, value);
        } else if (!StringUtils.hasText(environment.getProperty(name))) {
            blankOverrides.put(name, value);
        }
    }
}
