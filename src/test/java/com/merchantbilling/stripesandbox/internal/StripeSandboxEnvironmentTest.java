package com.merchantbilling.stripesandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class StripeSandboxEnvironmentTest {

    private final StripeSandboxEnvironment postProcessor = new StripeSandboxEnvironment(Supplier::get);

    @Test
    void withoutAKeyTurnsTheSandboxOnWithRandomKeysOnTheApplicationsPort() {
        var environment = new MockEnvironment().withProperty("server.port", "9123");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("stripe.sandbox.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("stripe.secret-key")).matches("sk_test_sandbox_[A-Za-z0-9]{24}");
        assertThat(environment.getProperty("stripe.webhook-secret")).matches("whsec_sandbox_[A-Za-z0-9]{32}");
        assertThat(environment.getProperty("stripe.api-base")).isEqualTo("http://127.0.0.1:9123/stripe-sandbox");
        assertThat(environment.getProperty("stripe.sandbox.webhook-url"))
                .isEqualTo("http://127.0.0.1:9123/stripe/webhook");
        assertThat(environment.getProperty("stripe.sandbox.public-base-url")).isEqualTo("http://localhost:9123");

        var again = new MockEnvironment();
        postProcessor.postProcessEnvironment(again, new SpringApplication());
        assertThat(again.getProperty("stripe.secret-key")).isNotEqualTo(environment.getProperty("stripe.secret-key"));
        assertThat(again.getProperty("stripe.api-base")).isEqualTo("http://127.0.0.1:8080/stripe-sandbox");
    }

    @Test
    void explicitSettingsWinAndBlankOnesCountAsUnset() {
        var environment = new MockEnvironment()
                .withProperty("stripe.secret-key", "")
                .withProperty("stripe.webhook-secret", "whsec_mine")
                .withProperty("stripe.api-base", " ")
                .withProperty("stripe.sandbox.public-base-url", "https://billing.example");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("stripe.secret-key")).startsWith("sk_test_sandbox_");
        assertThat(environment.getProperty("stripe.webhook-secret")).isEqualTo("whsec_mine");
        assertThat(environment.getProperty("stripe.api-base")).isEqualTo("http://127.0.0.1:8080/stripe-sandbox");
        assertThat(environment.getProperty("stripe.sandbox.public-base-url")).isEqualTo("https://billing.example");
    }

    @Test
    void withAKeyAddsNothing() {
        var environment = new MockEnvironment().withProperty("stripe.secret-key", "sk_test_real");
        int sources = environment.getPropertySources().size();

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
        assertThat(environment.getProperty("stripe.sandbox.enabled")).isNull();
        assertThat(environment.getProperty("stripe.api-base")).isNull();
    }
}
