package com.merchantbilling.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Each test meets the {@link FakeStripe} server as a fresh one (no faults, no latency, zero counters), and a test's
 * faults end with it, so that work the application still does in the background after the test meets a healthy
 * Stripe.
 */
class FakeStripeExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext extension) {
        server(extension).reset();
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        var server = server(extension);
        server.setFaults(FakeStripeServer.FaultPlan.none());
        server.setLatency(java.time.Duration.ZERO);
    }

    private static FakeStripeServer server(ExtensionContext extension) {
        return SpringExtension.getApplicationContext(extension).getBean(FakeStripeServer.class);
    }
}
