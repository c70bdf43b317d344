package com.merchantbilling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MerchantBillingApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }

    @Test
    void invoicingNeverDependsOnPayments() {
        var invoicing = modules.getModuleByName("invoicing").orElseThrow();
        var payments = modules.getModuleByName("payments").orElseThrow();
        assertThat(invoicing.getDirectDependencies(modules).contains(payments.getIdentifier().toString())).isFalse();
        assertThat(invoicing.getBootstrapDependencies(modules).map(m -> m.getIdentifier().toString()))
                .doesNotContain("payments", "ui");
    }

    @Test
    void writesModuleDocumentationUnderTarget() throws Exception {
        new Documenter(modules).writeDocumentation();
        var docs = Path.of("target/spring-modulith-docs");
        assertThat(docs.resolve("components.puml")).exists();
        try (var files = Files.list(docs)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("module-invoicing.puml", "module-invoicing.adoc", "module-payments.puml");
        }
    }
}
