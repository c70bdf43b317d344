package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;

import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.OrganizationUsers;
import com.merchantbilling.organizations.RoleRequiredException;
import com.merchantbilling.support.FixtureOwner;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.Tenants;

/** Invoicing's user-facing writes check the caller's role in the API itself, before anything changes. */
@ApplicationModuleTest(extraIncludes = "organizations")
@Import(Tenants.class)
class InvoicingRolesIntegrationTests {

    @Autowired
    PaymentLinkRequests requests;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    InvoiceImports imports;
    @Autowired
    InvoiceExports exports;
    @Autowired
    OrganizationUsers users;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcClient jdbc;

    OrganizationId sakura;
    List<InvoiceId> ids;

    @BeforeEach
    void organization() {
        sakura = tenants.organization("Roles");
        ids = tenants.invoices(sakura, "RL", 3, "JPY");
    }

    @AfterEach
    void signOut() {
        SignedIn.clear();
    }

    @Test
    void aViewersRequestForPaymentLinksIsRefusedAndChangesNothing(AssertablePublishedEvents events) {
        SignedIn.as(sakura, "yui", MerchantRole.VIEWER);

        assertThatThrownBy(() -> requests.request(sakura, ids, "yui"))
                .isInstanceOfSatisfying(RoleRequiredException.class, refused -> {
                    assertThat(refused.actual()).contains(MerchantRole.VIEWER);
                    assertThat(refused.required()).containsExactlyInAnyOrder(MerchantRole.OWNER,
                            MerchantRole.BILLING_MANAGER);
                })
                .hasMessageContaining("create payment links").hasMessageContaining("is VIEWER");

        FixtureOwner.actAsOwner();
        assertThat(tenants.statuses(sakura, ids)).containsOnly(OnlinePaymentStatus.NOT_CREATED);
        assertThat(events.ofType(PaymentLinkRequested.class)).isEmpty();
        assertThat(auditEntries()).isZero();
    }

    @Test
    void aBillingManagerOfAnotherOrganizationCannotActOnThisOne() {
        var other = tenants.organization("Roles elsewhere");
        SignedIn.as(other, "mallory", MerchantRole.BILLING_MANAGER);

        assertThatThrownBy(() -> requests.request(sakura, ids, "mallory"))
                .isInstanceOf(com.merchantbilling.organizations.OrganizationMismatchException.class)
                .hasMessageContaining("create payment links");
        var out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> exports.export(sakura, "", InvoiceSort.DEFAULT, out))
                .isInstanceOf(com.merchantbilling.organizations.OrganizationMismatchException.class);
        assertThat(out.size()).isZero();

        FixtureOwner.actAsOwner();
        assertThat(tenants.statuses(sakura, ids)).containsOnly(OnlinePaymentStatus.NOT_CREATED);
    }

    @Test
    void aBillingManagerCreatesPaymentLinks() {
        SignedIn.as(sakura, "kenji", MerchantRole.BILLING_MANAGER);

        assertThat(requests.request(sakura, ids, "kenji").requested()).containsExactlyElementsOf(ids);
    }

    @Test
    void aViewerIssuesImportsAndExportsNothing() {
        SignedIn.as(sakura, "yui", MerchantRole.VIEWER);
        var csv = InvoiceImports.HEADER + "\nIMP-1,Buyer,,2026-05-01,2026-05-31,JPY,1000\n";

        assertThatThrownBy(() -> invoices.issue(sakura, new NewInvoice("V-1", "Buyer", null, LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 31), Money.of(100, "JPY")))).isInstanceOf(RoleRequiredException.class)
                .hasMessageContaining("issue invoices");
        assertThatThrownBy(() -> imports.preview(sakura, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RoleRequiredException.class).hasMessageContaining("import invoices");
        var out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> exports.export(sakura, "", InvoiceSort.DEFAULT, out))
                .isInstanceOf(RoleRequiredException.class).hasMessageContaining("export invoices");
        assertThat(out.size()).isZero();

        FixtureOwner.actAsOwner();
        assertThat(invoices.count(sakura, "")).isEqualTo(3);
    }

    @Test
    void aViewerStillReadsTheInvoices() {
        SignedIn.as(sakura, "yui", MerchantRole.VIEWER);

        assertThat(invoices.count(sakura, "")).isEqualTo(3);
        assertThat(invoices.find(sakura, ids.getFirst())).isPresent();
    }

    @Test
    void aUserDemotedSinceSigningInLosesTheRightAtOnce() {
        var kenji = SignedIn.as(sakura, "kenji", MerchantRole.BILLING_MANAGER);
        FixtureOwner.actAsOwner();
        users.changeRole(sakura, kenji.userId(), MerchantRole.VIEWER);
        // the session still says Billing manager: the API asks the database
        SignedIn.as(sakura, kenji.userId(), "kenji", MerchantRole.BILLING_MANAGER);

        assertThatThrownBy(() -> requests.request(sakura, ids, "kenji")).isInstanceOf(RoleRequiredException.class)
                .hasMessageContaining("is VIEWER");
    }

    @Test
    void aDisabledUsersSessionMayDoNothing() {
        var kenji = SignedIn.as(sakura, "kenji", MerchantRole.BILLING_MANAGER);
        FixtureOwner.actAsOwner();
        users.disable(sakura, kenji.userId());
        SignedIn.as(sakura, kenji.userId(), "kenji", MerchantRole.BILLING_MANAGER);

        assertThatThrownBy(() -> requests.request(sakura, ids, "kenji")).isInstanceOf(RoleRequiredException.class)
                .hasMessageContaining("has no role");
    }

    @Test
    void nobodySignedInMayWriteEither() {
        SignedIn.clear();

        assertThatThrownBy(() -> requests.request(sakura, ids, "anyone")).isInstanceOf(RoleRequiredException.class);
        FixtureOwner.actAsOwner();
        assertThat(tenants.statuses(sakura, ids)).containsOnly(OnlinePaymentStatus.NOT_CREATED);
    }

    private long auditEntries() {
        return jdbc.sql("select count(*) from invoice_audit_entries where organization_id = :org")
                .param("org", sakura.value()).query(Long.class).single();
    }
}
