package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.support.Tenants;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

/** The New Invoice dialog: suggested number, field validation through Binder, exact amounts, saving. */
@SpringBootTest
@Import(Tenants.class)
class NewInvoiceDialogIntegrationTests extends BillingTabTestSupport {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    JdbcClient jdbc;

    OrganizationId sakura;

    @BeforeEach
    void organizationWithInvoices() {
        UiLanguage.english();
        sakura = tenants.withInvoices("Sakura", "S", 3, "JPY");
        SignedIn.as(sakura, "aiko");
        navigate(BillingManagementView.class);
        test($view(Button.class).id("new-invoice")).click();
    }

    NewInvoiceDialog dialog() {
        return (NewInvoiceDialog) $(Dialog.class).id("new-invoice-dialog");
    }

    @Test
    void suggestsTheNextNumberInTheOrganizationsPattern() {
        assertThat(dialog().invoiceNumber.getValue()).isEqualTo("S-0004");
        assertThat(dialog().currency.getValue()).isEqualTo("JPY");
    }

    @Test
    void reportsEveryInvalidFieldAndStoresNothing() {
        var dialog = dialog();
        test(dialog.invoiceNumber).setValue("S-0002");
        test(dialog.buyerEmail).setValue("not-an-email");
        test(dialog.issueDate).setValue(LocalDate.of(2026, 5, 10));
        test(dialog.dueDate).setValue(LocalDate.of(2026, 5, 1));
        var line = dialog.lines.getFirst();
        test(line.description).setValue("Green tea");
        test(line.quantity).setValue(0);
        test(line.unitPrice).setValue(new BigDecimal("1500.5"));

        test($(Button.class).id("new-invoice-save")).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.invoiceNumber.isInvalid()).isTrue();
        assertThat(dialog.invoiceNumber.getErrorMessage())
                .isEqualTo("Invoice number S-0002 is already used in this organization");
        assertThat(dialog.buyerName.isInvalid()).isTrue();
        assertThat(dialog.buyerName.getErrorMessage()).isEqualTo("Required");
        assertThat(dialog.buyerEmail.getErrorMessage()).isEqualTo("Enter a valid email address");
        assertThat(dialog.dueDate.isInvalid()).isTrue();
        assertThat(dialog.dueDate.getErrorMessage()).isEqualTo("The due date cannot be before the issue date");
        assertThat(line.quantity.getErrorMessage()).isEqualTo("The quantity is at least 1");
        assertThat(line.unitPrice.isInvalid()).isTrue();
        assertThat(line.unitPrice.getErrorMessage()).isEqualTo("JPY amounts have no decimals");
        assertThat(invoices.count(sakura, "")).isEqualTo(3);
    }

    @Test
    void changingTheCurrencyRevalidatesThePrices() {
        var dialog = dialog();
        var line = dialog.lines.getFirst();
        test(line.unitPrice).setValue(new BigDecimal("12.34"));
        assertThat(line.unitPrice.isInvalid()).isTrue();

        test(dialog.currency).selectItem("USD");

        assertThat(line.unitPrice.isInvalid()).isFalse();
        assertThat(dialog.totalText()).isEqualTo("USD 12.34");
    }

    @Test
    void savesTheInvoiceWithItsLineItemsAndShowsItInTheGrid() {
        var dialog = dialog();
        TypedInvoices.typeHikariTeaAndCups(this, dialog);
        assertThat(dialog.totalText()).isEqualTo("USD 60.17");

        test($(Button.class).id("new-invoice-save")).click();

        assertThat(dialog.isOpened()).isFalse();
        assertThat($view(Span.class).id("pager-total").getText()).isEqualTo("4 invoices");
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> grid = $view(Grid.class).id("billing-invoices-grid");
        var first = test(grid).getRow(0);
        assertThat(first.invoiceNumber()).isEqualTo("S-0004");
        assertThat(first.buyerName()).isEqualTo("Hikari Foods");
        assertThat(first.billingAmount()).isEqualTo(Money.of(6017, "USD"));
        var lines = jdbc.sql("select description, quantity, unit_price, amount from invoice_line_items "
                        + "where invoice_id = :id order by line_number")
                .param("id", first.id().value())
                .query((rs, row) -> rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4))
                .list();
        assertThat(lines).containsExactly("Green tea|3|1999|5997", "Cups|2|10|20");
    }
}
