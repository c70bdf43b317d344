package com.merchantbilling.stripesandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class StripeSandboxEnvironmentTests {

    private final StripeSandboxEnvironment postProcessor = new StripeSandboxEnvironment(Supplier::get);

    @Test
    void withoutAKeyAndWithoutBeingAskedForTheSandboxStaysOff() {
        var environment = new MockEnvironment().withProperty("stripe.secret-key", " ");
        int sources = environment.getPropertySources().size();

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
        assertThat(environment.getProperty("stripe.sandbox.enabled")).isNull();
        assertThat(environment.getProperty("stripe.secret-key")).isBlank();
        assertThat(environment.getProperty("stripe.api-base")).isNull();
    }

    @Test
    void askedForItTurnsOnWithRandomKeysOnTheApplicationsPort() {
        var environment = new MockEnvironment().withProperty("stripe.sandbox.enabled", "true")
                .withProperty("server.port", "9123");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("stripe.secret-key")).matches("sk_test_sandbox_[A-Za-z0-9]{24}");
        assertThat(environment.getProperty("stripe.webhook-secret")).matches("whsec_sandbox_[A-Za-z0-9]{32}");
        assertThat(environment.getProperty("stripe.api-base")).isEqualTo("http://127.0.0.1:9123/stripe-sandbox");
        assertThat(environment.getProperty("stripe.sandbox.webhook-url"))
                .isEqualTo("http://127.0.0.1:9123/stripe/webhook");
        assertThat(environment.getProperty("stripe.sandbox.public-base-url")).isEqualTo("http://localhost:9123");

        var again = new MockEnvironment().withProperty("stripe.sandbox.enabled", "true");
        postProcessor.postProcessEnvironment(again, new SpringApplication());
        assertThat(again.getProperty("stripe.secret-key")).isNotEqualTo(environment.getProperty("stripe.secret-key"));
        assertThat(again.getProperty("stripe.webhook-secret"))
                .isNotEqualTo(environment.getProperty("stripe.webhook-secret"));
        assertThat(again.getProperty("stripe.api-base")).isEqualTo("http://127.0.0.1:8080/stripe-sandbox");
    }

    @Test
    void blankSecretsAreReplacedAndExplicitAddressesWin() {
        var environment = new MockEnvironment()
                .withProperty("stripe.sandbox.enabled", "true")
                .withProperty("stripe.secret-key", "")
                .withProperty("stripe.webhook-secret", " ")
                .withProperty("stripe.api-base", " ")
                .withProperty("stripe.sandbox.public-base-url", "https://billing.example");

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("stripe.secret-key")).startsWith("sk_test_sandbox_");
        assertThat(environment.getProperty("stripe.webhook-secret")).startsWith("whsec_sandbox_");
        assertThat(environment.getProperty("stripe.api-base")).isEqualTo("http://127.0.0.1:8080/stripe-sandbox");
        assertThat(environment.getProperty("stripe.sandbox.public-base-url")).isEqualTo("https://billing.example");
    }

    @Test
    void refusesToRunWithTheOperatorsWebhookSecret() {
        var environment = new MockEnvironment().withProperty("stripe.sandbox.enabled", "true")
                .withProperty("stripe.webhook-secret", "whsec_operator");

        assertThatThrownBy(() -> postProcessor.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(SandboxWithStripeSecretsException.class, refused -> {
                    FailureAnalysis analysis = new StripeSandboxFailureAnalyzer().analyze(refused);
                    assertThat(analysis.getDescription()).contains("STRIPE_WEBHOOK_SECRET");
                    assertThat(analysis.getAction()).contains("STRIPE_SANDBOX_ENABLED");
                });
        assertThat(environment.getProperty("stripe.webhook-secret")).isEqualTo("whsec_operator");
    }

    @Test
    void refusesToRunWithTheOperatorsSecretKey() {
        var environment = new MockEnvironment().withProperty("stripe.sandbox.enabled", "true")
                .withProperty("stripe.secret-key", "sk_live_operator");

        assertThatThrownBy(() -> postProcessor.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(SandboxWithStripeSecretsException.class).hasMessageContaining("stripe.secret-key");
    }
}
