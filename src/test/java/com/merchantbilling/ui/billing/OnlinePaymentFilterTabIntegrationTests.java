package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.Tenants;
import com.merchantbilling.support.UiLanguage;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

/**
 * The Online Payment filter beside the text filter, as a merchant uses it without a browser: options with
 * their counts, only the chosen status in the grid, page 1 on a change, the selection kept across it.
 */
@IntegrationTest
class OnlinePaymentFilterTabIntegrationTests extends SpringBrowserlessTest {

    @Autowired
    Tenants tenants;
    @Autowired
    AddOnSubscriptions addOns;
    @Autowired
    JdbcClient jdbc;

    OrganizationId sakura;
    List<InvoiceId> ids;

    /** 150 invoices: S-0001..S-0012 Pending Payment, S-0013..S-0015 Paid, the rest Not Created. */
    @BeforeEach
    void subscribedOrganizationWithLinks() {
        UiLanguage.english();
        sakura = tenants.organization("Sakura");
        addOns.subscribe(sakura, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        ids = tenants.invoices(sakura, "S", 150, "USD");
        // another organization's Pending Payment invoices are never counted here
        var maple = tenants.organization("Maple");
        tenants.invoices(maple, "S", 5, "USD").forEach(this::pending);
        ids.subList(0, 15).forEach(this::pending);
        jdbc.sql("""
                        update invoices set online_payment_status = 'PAID', paid_at = now(), paid_amount = billing_amount,
                               paid_currency = currency, payment_count = 1 where id in (:ids)""")
                .param("ids", ids.subList(12, 15).stream().map(InvoiceId::value).toList()).update();
        SignedIn.as(sakura, "aiko");
    }

    @AfterEach
    void signOut() {
        SignedIn.clear();
        UiLanguage.english();
    }

    @Test
    void pendingPaymentShowsOnlyThoseWithTheirCount() {
        navigate(BillingManagementView.class);

        assertThat(test(onlinePayment()).getSuggestions()).startsWith("All online payments (150)",
                "Not Created (135)", "Pending Payment (12)",
                "Paid (3)");
        test(onlinePayment()).selectItem("Pending Payment (12)");

        var grid = grid();
        assertThat(test(grid).size()).isEqualTo(12);
        assertThat(rows(grid)).allMatch(row -> row.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT)
                .extracting(BillingInvoice::invoiceNumber).startsWith("S-0012").endsWith("S-0001");
        assertThat(text("pager-total")).isEqualTo("12 invoices");
        assertThat(text("pager-status")).isEqualTo("Page 1 of 1");
    }

    @Test
    void aChangeOpensPageOneAndKeepsTheSelection() {
        navigate(BillingManagementView.class);
        var grid = grid();
        test(grid).select(0);
        test(button("pager-next")).click();
        test(grid).select(0);
        var selected = grid.getSelectedItems().stream().map(BillingInvoice::invoiceNumber).toList();
        assertThat(selected).containsExactlyInAnyOrder("S-0150", "S-0050");

        test(onlinePayment()).selectItem("Not Created (135)");
        assertThat(text("pager-status")).isEqualTo("Page 1 of 2");
        assertThat(text("pager-total")).isEqualTo("135 invoices");
        assertThat(rows(grid)).noneMatch(row -> row.onlinePayment() != OnlinePaymentStatus.NOT_CREATED);
        assertThat(grid.getSelectedItems()).extracting(BillingInvoice::invoiceNumber)
                .containsExactlyInAnyOrder("S-0150", "S-0050");
        assertThat(text("selection-status")).isEqualTo("2 of at most 100 selected");

        // the text filter narrows the counts too
        test($view(TextField.class).id("invoice-filter")).setValue("S-001");
        // S-0010..S-0019: 10, 11, 12 Pending Payment, 13, 14, 15 Paid
        assertThat(test(onlinePayment()).getSuggestions()).startsWith("All online payments (10)",
                "Not Created (4)", "Pending Payment (3)", "Paid (3)");
        assertThat(rows(grid)).extracting(BillingInvoice::invoiceNumber)
                .containsExactly("S-0019", "S-0018", "S-0017", "S-0016");
    }

    @Test
    void clearFilterInTheEmptyStateClearsBothFilters() {
        navigate(BillingManagementView.class);
        test($view(TextField.class).id("invoice-filter")).setValue("S-0150");
        test(onlinePayment()).selectItem("Paid (0)");

        assertThat(test(grid()).size()).isZero();
        assertThat(text("invoices-empty-text")).isEqualTo("No invoices match “S-0150” and are “Paid”.");

        test(button("clear-invoice-filter")).click();
        assertThat($view(TextField.class).id("invoice-filter").getValue()).isEmpty();
        assertThat(onlinePayment().getValue()).isEqualTo(OnlinePaymentFilter.ALL);
        assertThat(text("pager-total")).isEqualTo("150 invoices");
        assertThat(test(grid()).size()).isEqualTo(100);
    }

    @Test
    void optionsInJapanese() {
        UiLanguage.use(Locale.JAPANESE);
        navigate(BillingManagementView.class);
        assertThat(test(onlinePayment()).getSuggestions()).contains("オンライン決済: すべて（150）");
    }

    private void pending(InvoiceId id) {
        tenants.pendingByHand(id);
    }

    private static List<BillingInvoice> rows(Grid<BillingInvoice> grid) {
        var tester = new com.vaadin.flow.component.grid.GridTester<>(grid);
        return IntStream.range(0, tester.size()).mapToObj(tester::getRow).toList();
    }

    @SuppressWarnings("unchecked")
    private Select<OnlinePaymentFilter> onlinePayment() {
        return $view(Select.class).id("online-payment-filter");
    }

    @SuppressWarnings("unchecked")
    private Grid<BillingInvoice> grid() {
        return $view(Grid.class).id("billing-invoices-grid");
    }

    private String text(String id) {
        return $view(Span.class).id(id).getText();
    }

    private Button button(String id) {
        return $view(Button.class).id(id);
    }
}
