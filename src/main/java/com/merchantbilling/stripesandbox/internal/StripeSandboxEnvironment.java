package com.merchantbilling.stripesandbox.internal;

import java.util.LinkedHashMap;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Fills in the Stripe sandbox's settings when, and only when, it is asked for explicitly with
 * {@code stripe.sandbox.enabled=true} (STRIPE_SANDBOX_ENABLED): the developer run asks for it in its "dev"
 * profile, a production start never does. A missing Stripe key no longer turns it on: that made a production
 * start without STRIPE_SECRET_KEY serve a public test checkout page that marked invoices Paid with no money.
 * <p>
 * The sandbox never runs with an operator's secrets (fail closed): with the sandbox on and a non-blank
 * {@code stripe.secret-key} or {@code stripe.webhook-secret} set, start-up is refused
 * ({@link SandboxWithStripeSecretsException}). Silently replacing them was the other option, but a deployment
 * that carries real Stripe secrets and also asks for the sandbox is misconfigured in a way that can mark invoices
 * Paid without a payment, and the operator should hear of it rather than get a running fake. The sandbox's keys
 * are random per start rather than fixed in a file, so nothing here looks like a usable secret. A blank value
 * (e.g. {@code ${STRIPE_X:}}) counts as not set and is replaced.
 */
class StripeSandboxEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "stripe.sandbox.enabled";
    static final String SETTINGS = "stripeSandbox";
    static final String DEFAULTS = "stripeSandboxDefaults";
    private static final String PORT = "${server.port:8080}";

    private final Log log;

    StripeSandboxEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(StripeSandboxEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"true".equalsIgnoreCase(environment.getProperty(ENABLED))) {
            return;
        }
        for (String secret : new String[] { "stripe.secret-key", "stripe.webhook-secret",
                "stripe.connect-webhook-secret" }) {
            if (StringUtils.hasText(environment.getProperty(secret))) {
                throw new SandboxWithStripeSecretsException(secret);
            }
        }
        // first: the sandbox's own secrets replace blank ones and nothing can sign with another secret
        var settings = new LinkedHashMap<String, Object>();
        settings.put("stripe.secret-key", "sk_test_sandbox_" + Ids.random(24));
        settings.put("stripe.webhook-secret", "whsec_sandbox_" + Ids.random(32));
        // the Connect endpoint's own secret: the sandbox signs connected accounts' events with it
        settings.put("stripe.connect-webhook-secret", "whsec_sandbox_connect_" + Ids.random(32));
        if (!StringUtils.hasText(environment.getProperty("stripe.api-base"))) {
            settings.put("stripe.api-base", "http://127.0.0.1:" + PORT + "/stripe-sandbox");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SETTINGS, settings));
        // last: where the sandbox sends webhooks and how buyers reach it can be changed (tests, a proxy)
        var defaults = new LinkedHashMap<String, Object>();
        defaults.put("stripe.sandbox.webhook-url", "http://127.0.0.1:" + PORT + "/stripe/webhook");
        defaults.put("stripe.sandbox.connect-webhook-url", "http://127.0.0.1:" + PORT + "/stripe/webhook/connect");
        defaults.put("stripe.sandbox.public-base-url", "http://localhost:" + PORT);
        environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS, defaults));
        log.warn("The built-in Stripe sandbox is on (stripe.sandbox.enabled=true): payment links and checkouts "
                + "are simulated with random keys; no real money moves. Never enable it in production.");
    }

    /** Late, after the configuration files; before the payments module's check for a Stripe key. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 5;
    }
}
