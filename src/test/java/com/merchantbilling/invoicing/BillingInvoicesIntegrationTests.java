package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.Tenants;

/** The Billing Invoices queries against a real PostgreSQL, always within one organization. */
@ApplicationModuleTest(extraIncludes = "organizations")
@Import(Tenants.class)
class BillingInvoicesIntegrationTests {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    Tenants tenants;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    OrganizationId sakura;
    OrganizationId maple;

    @BeforeEach
    void twoOrganizations() {
        sakura = tenants.withInvoices("Sakura", "S", 250, "JPY");
        maple = tenants.withInvoices("Maple", "M", 3, "USD");
    }

    @Test
    void pagesThroughOnlyTheOrganizationsInvoices() {
        assertThat(invoices.count(sakura, "")).isEqualTo(250);
        assertThat(invoices.count(maple, null)).isEqualTo(3);

        var byNumber = new InvoiceSort(InvoiceSort.Field.INVOICE_NUMBER, false);
        var page1 = invoices.page(sakura, "", byNumber, 0, 100);
        var page3 = invoices.page(sakura, "", byNumber, 200, 100);
        assertThat(page1).hasSize(100);
        assertThat(page1.getFirst().invoiceNumber()).isEqualTo("S-0001");
        assertThat(page3).hasSize(50);
        assertThat(page3.getLast().invoiceNumber()).isEqualTo("S-0250");
        assertThat(invoices.page(maple, "", byNumber, 0, 100)).extracting(BillingInvoice::invoiceNumber)
                .containsExactly("M-0001", "M-0002", "M-0003");
    }

    @Test
    void sortsByEachColumnBothWays() {
        for (var field : InvoiceSort.Field.values()) {
            var ascending = invoices.page(sakura, "", new InvoiceSort(field, false), 0, 250);
            var descending = invoices.page(sakura, "", new InvoiceSort(field, true), 0, 250);
            Comparator<BillingInvoice> order = switch (field) {
                case INVOICE_NUMBER -> Comparator.comparing(BillingInvoice::invoiceNumber);
                case BUYER -> Comparator.comparing(BillingInvoice::buyerName);
                case ISSUE_DATE -> Comparator.comparing(BillingInvoice::issueDate);
                case DUE_DATE -> Comparator.comparing(BillingInvoice::dueDate);
                case BILLING_AMOUNT -> Comparator.comparingLong(i -> i.billingAmount().minorUnits());
            };
            assertThat(ascending).as("ascending by %s", field).isSortedAccordingTo(order);
            assertThat(descending).as("descending by %s", field).isSortedAccordingTo(order.reversed());
            assertThat(ascending).hasSize(250);
        }
    }

    @Test
    void filtersByBuyerOrInvoiceNumberTakingWildcardsLiterally() {
        assertThat(invoices.count(sakura, "s-000")).isEqualTo(9);
        assertThat(invoices.page(sakura, "buyer b", InvoiceSort.DEFAULT, 0, 100))
                .isNotEmpty()
                .allSatisfy(invoice -> assertThat(invoice.buyerName()).isEqualTo("Buyer B"));
        assertThat(invoices.count(sakura, "%")).isZero();
        assertThat(invoices.count(sakura, "S_0")).isZero();
        assertThat(invoices.count(maple, "S-0001")).isZero();
    }

    /**
     * The buyer filter reads the organization's distinct buyer names (V26), kept by triggers: a buyer's first
     * invoice, a renamed buyer and the same name in another organization must all be found, or missed, as an
     * ILIKE over the invoices would.
     */
    @Test
    void buyerFilterFindsNewAndRenamedBuyersWithinTheOrganization() {
        var invoice = new NewInvoice("S-NEW", "Kawasemi Tea House", null, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), Money.of(500, "JPY"));
        var id = invoices.issue(sakura, invoice);
        assertThat(invoices.page(sakura, "kawasemi tea", InvoiceSort.DEFAULT, 0, 100))
                .extracting(BillingInvoice::id).containsExactly(id);
        assertThat(invoices.count(maple, "kawasemi")).isZero();
        invoices.issue(maple, new NewInvoice("M-NEW", "Kawasemi Tea House", null, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), Money.of(500, "USD")));
        assertThat(invoices.count(sakura, "kawasemi")).isEqualTo(1);
        assertThat(invoices.count(maple, "kawasemi")).isEqualTo(1);

        // nothing in the application renames a buyer; the update trigger keeps the names complete if SQL does
        jdbc.sql("update invoices set buyer_name = 'Hototogisu Books' where id = :id").param("id", id.value()).update();
        assertThat(invoices.count(sakura, "hototogisu")).isEqualTo(1);
        assertThat(invoices.count(sakura, "kawasemi")).isZero();
        assertThat(invoices.countedPageAfter(sakura, "Hototogisu", OnlinePaymentFilter.ALL, InvoiceSort.DEFAULT,
                java.util.Optional.empty(), 100).rows()).extracting(BillingInvoice::id).containsExactly(id);
    }

    @Test
    void anotherOrganizationsInvoiceIsNotFound() {
        var sakuraInvoice = invoices.page(sakura, "", InvoiceSort.DEFAULT, 0, 1).getFirst().id();
        assertThat(invoices.find(sakura, sakuraInvoice)).isPresent();
        assertThat(invoices.find(maple, sakuraInvoice)).isEmpty();
        assertThat(invoices.findAll(maple, List.of(sakuraInvoice))).isEmpty();
    }

    @Test
    void invoiceNumbersAreUniqueWithinAnOrganizationOnly() {
        var invoice = new NewInvoice("S-0001", "Buyer", null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31),
                Money.of(500, "USD"));
        assertThatThrownBy(() -> invoices.issue(sakura, invoice))
                .isInstanceOf(InvoiceNumberTakenException.class)
                .hasMessageContaining("S-0001");
        assertThat(invoices.issue(maple, invoice)).isNotNull();
        assertThat(invoices.count(sakura, "")).isEqualTo(250);
    }

    @Test
    void newInvoicesHaveNoOnlinePaymentAndKeepMinorUnits() {
        var id = invoices.issue(sakura, new NewInvoice("USD-1", "Buyer", null, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31), Money.of(1234, "USD")));
        var invoice = invoices.find(sakura, id).orElseThrow();
        assertThat(invoice.onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
        assertThat(invoice.billingAmount()).isEqualTo(Money.of(1234, "USD"));
        assertThat(invoice.billingAmount().format(Locale.US)).isEqualTo("USD 12.34");
        assertThat(invoice.paymentLinkUrl()).isEmpty();
    }

    @Test
    void rejectsPagesOutsideTheLimits() {
        assertThatThrownBy(() -> invoices.page(sakura, "", InvoiceSort.DEFAULT, -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> invoices.page(sakura, "", InvoiceSort.DEFAULT, 0, 10_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
