package com.merchantbilling.payments.internal.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.merchantbilling.invoicing.InvoiceDetails.AuditAction;
import com.merchantbilling.invoicing.InvoiceDetails.AuditEntry;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.FakeStripe;
import com.merchantbilling.support.FakeStripeServer;
import com.merchantbilling.support.Tenants;

/** The link flow leaves an audit trail: who requested, which Stripe link was created, why one failed. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@FakeStripe
@Import(Tenants.class)
class PaymentLinkAuditTrailIntegrationTests {

    @DynamicPropertySource
    static void quickRetries(DynamicPropertyRegistry registry) {
        registry.add("stripe.retry-backoff", () -> "20ms");
    }

    @Autowired
    FakeStripeServer stripe;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    Tenants tenants;
    @Autowired
    InvoiceDetails details;

    @Test
    void recordsTheRequestTheCreatedLinkAndAFailure() {
        var sakura = tenants.subscribed("Audit");
        var created = issue(sakura, "A-1", "USD");
        // Stripe refuses CUP: a permanent failure
        var refused = issue(sakura, "A-2", "CUP");

        tenants.requestLinks(sakura, List.of(created, refused), "aiko");

        await().atMost(Duration.ofSeconds(20)).until(() -> trail(sakura, created).size() == 2
                && trail(sakura, refused).size() == 2);
        var createdTrail = trail(sakura, created);
        assertThat(createdTrail).extracting(AuditEntry::action)
                .containsExactly(AuditAction.LINK_REQUESTED, AuditAction.LINK_CREATED);
        assertThat(createdTrail.get(0).actor()).isEqualTo("aiko");
        assertThat(createdTrail.get(1).actor()).isEqualTo("Stripe");
        var link = stripe.linksForInvoice(Long.toString(created.value()));
        assertThat(link).hasSize(1);
        assertThat(createdTrail.get(1).paymentLinkId().orElseThrow()).startsWith("plink_");
        assertThat(createdTrail.get(1).detail()).isEqualTo(invoices.find(sakura, created).orElseThrow().paymentLinkUrl());
        assertThat(createdTrail.get(1).occurredAt()).isAfterOrEqualTo(createdTrail.get(0).occurredAt());

        var refusedTrail = trail(sakura, refused);
        assertThat(refusedTrail).extracting(AuditEntry::action)
                .containsExactly(AuditAction.LINK_REQUESTED, AuditAction.LINK_FAILED);
        assertThat(refusedTrail.get(1).detail()).hasValueSatisfying(reason -> assertThat(reason).contains("HTTP 400"));

        var other = tenants.organization("Other");
        assertThat(details.find(other, created)).isEmpty();
    }

    private List<AuditEntry> trail(OrganizationId organization, InvoiceId invoice) {
        return details.find(organization, invoice).orElseThrow().auditTrail();
    }

    private InvoiceId issue(OrganizationId organization, String number, String currency) {
        return tenants.invoice(organization, number, 1000, currency);
    }
}
