package com.merchantbilling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import com.merchantbilling.ui.logging.ClosedPushConnectionFilter;

import ch.qos.logback.classic.LoggerContext;

/**
 * The developer run's configuration as Spring Boot resolves it (application.properties plus the "dev"
 * profile that TestMerchantBillingApplication adds), without starting the app or its database.
 */
class DevRunConfigurationIntegrationTests {

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    private static ConfigurableApplicationContext resolve(String... profiles) {
        return new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).profiles(profiles)
                // a URL keeps EmbeddedPostgresEnvironment from starting the dev database; nothing connects. Without
                // the dev profile's sandbox, the start-up check for Stripe wants a key; nothing calls Stripe
                .run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unused",
                        profiles.length == 0 ? "--stripe.secret-key=sk_test_unused" : "--stripe.sandbox.enabled=true");
    }

    @Test
    void copilotIsOffInTheDeveloperRunSoNothingCoversTheScreen() {
        try (var dev = resolve("dev")) {
            // the property Copilot's CopilotStatus.isEnabled reads through the Spring environment
            assertThat(dev.getEnvironment().getProperty("vaadin.copilot.enable")).isEqualTo("false");
            // live reload is not switched off (Vaadin's default is on)
            assertThat(dev.getEnvironment().getProperty("vaadin.devmode.liveReload.enabled", Boolean.class, true))
                    .isTrue();
            // and the run stays on the prebuilt dev bundle: nothing asks for a frontend build
            assertThat(dev.getEnvironment().getProperty("vaadin.frontend.hotdeploy", Boolean.class, false))
                    .isFalse();
        }
        try (var production = resolve()) {
            assertThat(production.getEnvironment().getProperty("vaadin.copilot.enable")).isNull();
        }
    }

    @Test
    void theClosedPushConnectionFilterIsInstalledWithBootsLogging() {
        try (var dev = resolve("dev")) {
            var logging = (LoggerContext) LoggerFactory.getILoggerFactory();
            assertThat(logging.getTurboFilterList()).filteredOn(ClosedPushConnectionFilter.class::isInstance)
                    .hasSize(1);
        }
    }
}
