package com.merchantbilling.payments.internal.stripe;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Stops start-up before anything else starts when no Stripe secret key is configured and the sandbox was not
 * asked for: a production start must never fall back to the sandbox, and failing here, before the web server
 * and Vaadin exist, keeps the report to the one message of {@link StripeSecretKeyFailureAnalyzer}. Runs after
 * the sandbox's post-processor, which supplies its own key when it is on. The {@code @NotBlank} on
 * {@link StripeProperties#secretKey()} still guards keys that arrive later (test-supplied properties).
 */
class StripeSecretKeyCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!StringUtils.hasText(environment.getProperty("stripe.secret-key"))
                && !"true".equalsIgnoreCase(environment.getProperty("stripe.sandbox.enabled"))) {
            throw new MissingStripeSecretKeyException();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static class MissingStripeSecretKeyException extends IllegalStateException {

        MissingStripeSecretKeyException() {
            super("stripe.secret-key (STRIPE_SECRET_KEY) is not set and the Stripe sandbox is off");
        }
    }
}
