package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.onlinepayments.ChargeReport;
import com.merchantbilling.invoicing.InvoiceExports;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.onlinepayments.ReceivedPayment;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.support.Tenants;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;

/** Issue 10: the payment flags in the grid's Online Payment column (both languages) and in the CSV export. */
@SpringBootTest
@Import(Tenants.class)
class PaymentFlagsDisplayIntegrationTests extends BillingTabTestSupport {

    @Autowired
    PaymentLinkRequests linkRequests;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    InvoiceExports exports;
    @Autowired
    com.merchantbilling.invoicing.InvoiceDetails details;

    OrganizationId organization;
    InvoiceId refundedAndDisputed;
    InvoiceId underpaid;

    @BeforeEach
    void invoicesWithFlags() {
        organization = tenants.organization("Flags");
        // F-0001 JPY 1,000 and F-0002 JPY 2,000; the grid shows the newest issue date first
        var ids = tenants.invoices(organization, "F", 2, "JPY");
        refundedAndDisputed = ids.get(0);
        underpaid = ids.get(1);
        var run = UUID.randomUUID().toString().substring(0, 8);
        linkRequests.request(organization, ids, "flags-test");
        onlinePayments.recordPaymentLink(refundedAndDisputed, 1, "plink_f1_" + run, "https://buy.stripe.com/f1_" + run);
        onlinePayments.recordPaymentLink(underpaid, 1, "plink_f2_" + run, "https://buy.stripe.com/f2_" + run);
        onlinePayments.recordPayment(refundedAndDisputed, new ReceivedPayment("cs_f1_" + run,
                Optional.of("plink_f1_" + run), Money.of(1000, "JPY"), Instant.now(), Optional.empty(),
                Optional.of("pi_f1_" + run)));
        onlinePayments.recordCharge(new ChargeReport("pi_f1_" + run, Optional.of(250L), Optional.empty(),
                Optional.of(new ChargeReport.Dispute("dp_f1_" + run, "needs_response")), Instant.now(),
                Optional.of("evt_f1_" + run)));
        onlinePayments.recordPayment(underpaid, new ReceivedPayment("cs_f2_" + run, Optional.of("plink_f2_" + run),
                Money.of(1, "JPY"), Instant.now(), Optional.empty(), Optional.of("pi_f2_" + run)));
    }

    @Test
    void theGridShowsTheFlagsBesideTheStatusInEnglish() {
        UiLanguage.use(Locale.ENGLISH);
        SignedIn.as(organization, "flags-user");
        navigate(BillingManagementView.class);
        var grid = gridInView();

        assertThat(value(grid, "F-0001", "status")).isEqualTo("Paid");
        assertThat(value(grid, "F-0001", "flags")).isEqualTo("Partially refunded · Disputed");
        assertThat(value(grid, "F-0002", "status")).isEqualTo("Pending Payment");
        assertThat(value(grid, "F-0002", "flags")).isEqualTo("Payment differs: review");
        assertThat(value(grid, "F-0002", "detail")).contains("JPY 1").contains("JPY 2,000");
    }

    @Test
    void theGridShowsTheFlagsBesideTheStatusInJapanese() {
        UiLanguage.use(Locale.JAPAN);
        SignedIn.as(organization, "flags-user");
        navigate(BillingManagementView.class);
        var grid = gridInView();

        assertThat(value(grid, "F-0001", "status")).isEqualTo("支払済み");
        assertThat(value(grid, "F-0001", "flags")).isEqualTo("一部返金 · 異議申し立て中");
        assertThat(value(grid, "F-0002", "flags")).isEqualTo("支払額相違：要確認");
    }

    @Test
    void theDetailsDialogShowsTheFlagsAndTheAuditTrailNamesWhatHappened() {
        UiLanguage.use(Locale.ENGLISH);
        SignedIn.as(organization, "flags-user");
        navigate(BillingManagementView.class);

        new InvoiceDetailsDialog(details.find(organization, underpaid).orElseThrow()).open();
        assertThat($(Span.class).id("invoice-details-flags").getText())
                .isEqualTo("Payment differs: review (Paid JPY 1, billed JPY 2,000: not marked Paid, review the payment)");
        assertThat(auditActions()).contains("Payment differs");
        $(Button.class).id("invoice-details-close").click();

        new InvoiceDetailsDialog(details.find(organization, refundedAndDisputed).orElseThrow()).open();
        assertThat($(Span.class).id("invoice-details-flags").getText()).isEqualTo("Partially refunded · Disputed");
        assertThat(auditActions()).contains("Paid", "Partially refunded", "Disputed");
    }

    @Test
    void theDetailsDialogInJapanese() {
        UiLanguage.use(Locale.JAPAN);
        SignedIn.as(organization, "flags-user");
        navigate(BillingManagementView.class);

        new InvoiceDetailsDialog(details.find(organization, refundedAndDisputed).orElseThrow()).open();

        assertThat($(Span.class).id("invoice-details-flags").getText()).isEqualTo("一部返金 · 異議申し立て中");
        assertThat(auditActions()).contains("一部返金", "異議申し立て");
    }

    @SuppressWarnings("unchecked")
    private List<String> auditActions() {
        Grid<com.merchantbilling.invoicing.InvoiceDetails.AuditEntry> audit = $(Grid.class).id("invoice-details-audit");
        var rows = test(audit);
        var actions = new java.util.ArrayList<String>();
        for (int i = 0; i < rows.size(); i++) {
            actions.add(rows.getCellText(i, 1));
        }
        return actions;
    }

    @Test
    void theCsvExportNamesTheFlags() throws Exception {
        var out = new ByteArrayOutputStream();
        exports.export(organization, null, InvoiceSort.DEFAULT, out);
        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines.getFirst()).endsWith("paid_at,payment_flags");
        assertThat(lines).filteredOn(line -> line.startsWith("F-0001,")).singleElement()
                .satisfies(line -> assertThat(line).endsWith(",partially_refunded disputed"));
        assertThat(lines).filteredOn(line -> line.startsWith("F-0002,")).singleElement()
                .satisfies(line -> assertThat(line).endsWith(",payment_differs:JPY_1"));
    }

    @SuppressWarnings("unchecked")
    private String value(Grid<BillingInvoice> grid, String invoiceNumber, String property) {
        var renderer = (LitRenderer<BillingInvoice>) grid.getColumnByKey("onlinePayment").getRenderer();
        var rows = test(grid);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.getRow(i).invoiceNumber().equals(invoiceNumber)) {
                return (String) renderer.getValueProviders().get(property).apply(rows.getRow(i));
            }
        }
        throw new AssertionError("No row " + invoiceNumber + " in " + List.of());
    }
}
