package com.merchantbilling.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** Each test meets the {@link FakeStripe} server as a fresh one: no faults, no latency, zero counters. */
class FakeStripeExtension implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext extension) {
        SpringExtension.getApplicationContext(extension).getBean(FakeStripeServer.class).reset();
    }
}
