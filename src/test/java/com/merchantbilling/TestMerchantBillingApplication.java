package com.merchantbilling;

import org.springframework.boot.SpringApplication;

import sun.misc.Signal;

/**
 * The developer run: {@code ./mvnw spring-boot:test-run}. The production application with the "dev"
 * profile: an embedded PostgreSQL (data kept under target/), demo data, and the Stripe sandbox, which
 * application-dev.properties asks for explicitly (STRIPE_SANDBOX_ENABLED=false turns it off to use a real
 * Stripe test account through STRIPE_SECRET_KEY).
 */
public class TestMerchantBillingApplication {

    public static void main(String[] args) {
        stopCleanlyOnSigterm();
        SpringApplication.from(MerchantBillingApplication::main).withAdditionalProfiles("dev").run(args);
    }

    /**
     * spring-boot-maven-plugin 4.1 counts only exit codes 0 and 130 (SIGINT, a Ctrl+C the app received itself)
     * as success (JavaProcessExecutor.hasTerminatedSuccessfully). Whenever Maven stops the app instead, it
     * sends SIGTERM (RunProcess.doKill: when Maven itself gets SIGTERM from kill or an IDE's stop button, or
     * when the app is still running 5 s after Ctrl+C), and the JVM then exits with 143: "BUILD FAILURE ...
     * exit code 143" for a normal stop. Here SIGTERM is the stop it is meant to be: System.exit(0) runs the
     * same shutdown hooks (Spring closes the context gracefully, the embedded PostgreSQL stops). Only the
     * developer run does this; the production application keeps the JVM's usual 143.
     */
    private static void stopCleanlyOnSigterm() {
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
    }
}
