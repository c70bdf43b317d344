package com.merchantbilling.stripesandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import com.merchantbilling.MerchantBillingApplication;

class StripeSandboxModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MerchantBillingApplication.class);

    @Test
    void theApplicationsModulesStayVerifiable() {
        modules.verify();
    }

    /** It stands in for an external service, so it must not know the application it serves. */
    @Test
    void theSandboxDependsOnNoOtherModule() {
        var sandbox = modules.getModuleByName("stripesandbox").orElseThrow();

        assertThat(sandbox.getDirectDependencies(modules).uniqueModules()).isEmpty();
    }
}
