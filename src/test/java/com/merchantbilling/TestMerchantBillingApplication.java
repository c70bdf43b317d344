package com.merchantbilling;

import org.springframework.boot.SpringApplication;

/**
 * The developer run: {@code ./mvnw spring-boot:test-run}. The production application with the "dev"
 * profile: an embedded PostgreSQL (data kept under target/), demo data, and the Stripe sandbox, which
 * application-dev.properties asks for explicitly (STRIPE_SANDBOX_ENABLED=false turns it off to use a real
 * Stripe test account through STRIPE_SECRET_KEY).
 */
public class TestMerchantBillingApplication {

    public static void main(String[] args) {
        SpringApplication.from(MerchantBillingApplication::main).withAdditionalProfiles("dev").run(args);
    }
}
