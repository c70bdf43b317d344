package com.merchantbilling.payments.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.merchantbilling.MerchantBillingApplication;
import com.merchantbilling.support.FakeStripeServer;

/**
 * Several instances of the app in this JVM on ONE database, as behind a load balancer: the first node gets a
 * fresh database from the test support (EmbeddedPostgresEnvironment), the others are pointed at it. All talk to
 * one fake Stripe.
 */
final class ClusterNodes implements AutoCloseable {

    private final FakeStripeServer stripe;
    private final List<String> properties;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private String databaseUrl;

    ClusterNodes(FakeStripeServer stripe, String... properties) {
        this.stripe = stripe;
        this.properties = List.of(properties);
    }

    ConfigurableApplicationContext start(String... extraProperties) {
        var all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
                "stripe.secret-key=" + stripe.secretKey(), "stripe.api-base=" + stripe.baseUrl()));
        all.addAll(properties);
        all.addAll(List.of(extraProperties));
        if (databaseUrl != null) {
            all.addAll(List.of("spring.datasource.url=" + databaseUrl, "spring.datasource.username=postgres",
                    "spring.datasource.password="));
        }
        // as command-line arguments: they win over application.properties (server.port=${PORT:8080})
        var node = new SpringApplicationBuilder(MerchantBillingApplication.class)
                .run(all.stream().map(property -> "--" + property).toArray(String[]::new));
        if (databaseUrl == null) {
            databaseUrl = node.getEnvironment().getRequiredProperty("spring.datasource.url");
        }
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        Stream.of(nodes.toArray(ConfigurableApplicationContext[]::new)).forEach(ConfigurableApplicationContext::close);
    }
}
