package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.support.Tenants;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;

/** The Billing Invoices tab as a merchant uses it, without a browser. */
@SpringBootTest
@Import(Tenants.class)
class BillingInvoicesTabIntegrationTests extends BillingTabTestSupport {

    OrganizationId sakura;
    OrganizationId maple;

    @BeforeEach
    void organizationsWithInvoices() {
        UiLanguage.english();
        sakura = tenants.withInvoices("Sakura", "S", 250, "JPY");
        maple = tenants.withInvoices("Maple", "M", 5, "USD");
    }

    @Test
    void showsOneHundredRowsAPageWithAPager() {
        SignedIn.as(sakura, "sakura-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();

        assertThat(test(grid).size()).isEqualTo(100);
        assertThat(text("pager-status")).isEqualTo("Page 1 of 3");
        assertThat(text("pager-total")).isEqualTo("250 invoices");
        assertThat(button("pager-previous").isEnabled()).isFalse();
        // newest issue date first by default
        assertThat(test(grid).getRow(0).invoiceNumber()).isEqualTo("S-0250");

        test(button("pager-next")).click();
        assertThat(text("pager-status")).isEqualTo("Page 2 of 3");
        assertThat(test(grid).size()).isEqualTo(100);
        assertThat(test(grid).getRow(0).invoiceNumber()).isEqualTo("S-0150");

        test(button("pager-next")).click();
        assertThat(text("pager-status")).isEqualTo("Page 3 of 3");
        assertThat(test(grid).size()).isEqualTo(50);
        assertThat(test(grid).getRow(49).invoiceNumber()).isEqualTo("S-0001");
        assertThat(button("pager-next").isEnabled()).isFalse();
    }

    @Test
    void sortsByBillingAmountAndReturnsToPageOne() {
        SignedIn.as(sakura, "sakura-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();
        test(button("pager-next")).click();

        test(grid).sortByColumn("billingAmount", SortDirection.ASCENDING);

        assertThat(text("pager-status")).isEqualTo("Page 1 of 3");
        var amounts = IntStream.range(0, test(grid).size())
                .mapToLong(row -> test(grid).getRow(row).billingAmount().minorUnits()).toArray();
        assertThat(amounts).hasSize(100).isSorted();
        assertThat(amounts[0]).isEqualTo(1000);
        assertThat(test(grid).getCellText(0, test(grid).getColumnPosition("billingAmount"))).isEqualTo("JPY 1,000");
    }

    @Test
    void filtersByBuyerOrInvoiceNumber() {
        SignedIn.as(sakura, "sakura-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();

        test($view(TextField.class).id("invoice-filter")).setValue("S-024");

        assertThat(text("pager-total")).isEqualTo("10 invoices");
        assertThat(test(grid).size()).isEqualTo(10);
        assertThat(text("pager-status")).isEqualTo("Page 1 of 1");
    }

    @Test
    void anotherOrganizationSeesNoneOfTheseInvoices() {
        SignedIn.as(maple, "maple-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();

        assertThat(test(grid).size()).isEqualTo(5);
        assertThat(text("pager-status")).isEqualTo("Page 1 of 1");
        assertThat(IntStream.range(0, 5).mapToObj(row -> test(grid).getRow(row).invoiceNumber()))
                .allMatch(number -> number.startsWith("M-"));

        test($view(TextField.class).id("invoice-filter")).setValue("S-0001");
        assertThat(test(grid).size()).isZero();
    }
}
