package com.merchantbilling.payments.internal.deployment;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class DeploymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeploymentConfiguration.class);

    /**
     * The configured id, else the one stored on the first start. Generated in the database by whichever node
     * inserts first ({@code on conflict do nothing}), so every node of a cluster reads the same id.
     */
    @Bean
    DeploymentId deploymentId(DeploymentProperties properties, JdbcClient jdbc) {
        if (properties.deploymentId() != null && !properties.deploymentId().isBlank()) {
            var configured = new DeploymentId(properties.deploymentId());
            log.info("Deployment id {} (configured)", configured);
            return configured;
        }
        // 12 hex digits: unique enough between the few deployments sharing one Stripe account, short in keys
        var candidate = "mb-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("insert into payments_deployment (deployment_id) values (:id) on conflict do nothing")
                .param("id", candidate)
                .update();
        var stored = new DeploymentId(jdbc.sql("select deployment_id from payments_deployment")
                .query(String.class)
                .single());
        log.info("Deployment id {} (stored in the database)", stored);
        return stored;
    }
}
