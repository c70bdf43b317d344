package com.merchantbilling.payments.internal.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * {@code payments.deployment-id} (environment: {@code PAYMENTS_DEPLOYMENT_ID}): set it when the database does
 * not tell deployments apart, e.g. a staging database restored from a production backup; unset, the id
 * generated on the first start and stored in the database is used.
 */
@Validated
@ConfigurationProperties("payments")
record DeploymentProperties(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "1 to 40 lower-case letters, digits and dashes")
        String deploymentId) {
}
