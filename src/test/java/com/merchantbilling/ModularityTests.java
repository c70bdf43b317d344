package com.merchantbilling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MerchantBillingApplication.class);

    /**
     * No cycles, no use of another module's internals, and only the dependencies each module's package-info
     * allows: invoicing may use organizations only (so never payments or ui), payments reaches invoicing through
     * its base API, {@code invoicing :: events} and {@code invoicing :: online-payments}, ui not through the
     * latter.
     */
    @Test
    void modulesHaveNoCyclesAndUseOnlyWhatTheyAllow() {
        modules.verify();
    }

    /** What docs/architecture.md includes; regenerate with {@code ./mvnw test -Dtest=ModularityTests}. */
    @Test
    void writesModuleDocumentationListingEachModulesEvents() throws Exception {
        new Documenter(modules).writeDocumentation();
        var docs = Path.of("target/spring-modulith-docs");
        assertThat(docs.resolve("components.puml")).exists();
        try (var files = Files.list(docs)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("module-invoicing.puml", "module-invoicing.adoc", "module-payments.puml");
        }
        // @DomainEvent puts them in the canvas's "Published events"; the listeners' side lists what payments takes
        assertThat(Files.readString(docs.resolve("module-invoicing.adoc")))
                .contains("PaymentLinkRequested", "PaymentLinkCreated", "PaymentLinkFailed", "InvoicePaid",
                        "AdditionalPaymentReceived", "PaymentActivityRecorded", "OrphanPaymentLinkDeactivated");
        assertThat(Files.readString(docs.resolve("module-payments.adoc"))).contains("PaymentLinkRequested");
    }
}
