package com.merchantbilling.payments.internal.stripe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.merchantbilling.payments.StripeConnection;
import com.stripe.StripeClient;

@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

    /** One client for the app; never the static Stripe.apiKey, so tests and tenants cannot leak settings. */
    @Bean
    StripeClient stripeClient(StripeProperties properties) {
        var builder = StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setMaxNetworkRetries(properties.maxNetworkRetries())
                .setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
        if (properties.hasApiBase()) {
            builder.setApiBase(properties.apiBase());
        }
        log.info("Stripe client: {}", properties);
        return builder.build();
    }

    /** The Stripe budget all nodes share (see {@link StripeBudget}); a slot is waited for at most 5 minutes, within
     * the publications' lease (payments.publications.stale-after, 10 min) so a waiting listener is not taken for dead. */
    @Bean
    StripeBudget stripeBudget(javax.sql.DataSource dataSource, StripeProperties properties,
            io.micrometer.core.instrument.MeterRegistry meters) {
        var proxies = io.github.bucket4j.postgresql.Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper.STRING)
                .table("stripe_rate_buckets")
                .idColumn("id")
                .stateColumn("state")
                .build();
        return StripeBudget.cluster(proxies, properties.rateLimitPerSecond(), java.time.Duration.ofMinutes(5), meters);
    }

    @Bean
    StripeConnection stripeConnection(StripeProperties properties) {
        boolean sandbox = properties.sandbox().enabled();
        return () -> sandbox;
    }
}
