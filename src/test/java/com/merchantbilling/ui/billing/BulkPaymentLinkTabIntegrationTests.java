package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.IntegrationTest;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarTester;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.RouterLink;

/** Selection, the Bulk Action menu and the Create Invoice Online Payment Links dialog, without a browser. */
@IntegrationTest
class BulkPaymentLinkTabIntegrationTests extends BillingTabTestSupport {

    @Autowired
    BillingInvoices invoices;

    OrganizationId sakura;

    @BeforeEach
    void subscribedOrganizationWithInvoices() {
        UiLanguage.english();
        sakura = tenants.subscribed("Sakura");
        tenants.invoices(sakura, "S", 150, "USD");
        SignedIn.as(sakura, "aiko");
    }

    @Test
    void headerCheckboxSelectsThePageAndA101stInvoiceIsRefused() {
        navigate(BillingManagementView.class);
        var grid = gridInView();

        test(grid).selectAll();
        assertThat(grid.getSelectedItems()).hasSize(100);
        assertThat(text("selection-status")).isEqualTo("100 of at most 100 selected");

        test($view(Button.class).id("pager-next")).click();
        test(grid).select(0);

        assertThat(grid.getSelectedItems()).hasSize(100);
        assertThat($(Notification.class).last().getElement().getProperty("text"))
                .contains("At most 100 invoices can be selected");

        test($view(Button.class).id("remove-all-selections")).click();
        assertThat(grid.getSelectedItems()).isEmpty();
        test(grid).select(0);
        assertThat(grid.getSelectedItems()).hasSize(1);
    }

    @Test
    void selectionSurvivesPaging() {
        navigate(BillingManagementView.class);
        var grid = gridInView();
        test(grid).select(0);
        var first = test(grid).getRow(0).id();

        test($view(Button.class).id("pager-next")).click();
        test(grid).select(1);
        test($view(Button.class).id("pager-previous")).click();

        assertThat(grid.getSelectedItems()).extracting(BillingInvoice::id).contains(first).hasSize(2);
    }

    @Test
    void dialogSetsIneligibleInvoicesApartAndCreatesTheOthersWithLiveProgress() {
        var zero = issue("Z-1", 0);
        var credit = issue("C-1", -300);
        navigate(BillingManagementView.class);
        var grid = gridInView();
        // newest first: Z-1 and C-1 are issued later than the S- invoices
        test(grid).select(0);
        test(grid).select(1);
        test(grid).select(2);
        test(grid).select(3);
        var eligible = grid.getSelectedItems().stream().map(BillingInvoice::id)
                .filter(id -> !id.equals(zero) && !id.equals(credit)).toList();
        assertThat(eligible).hasSize(2);

        new MenuBarTester<>($view(MenuBar.class).id("bulk-action")).clickItem("Bulk Action", "Create Payment Link");

        var dialog = $(Dialog.class).id("create-payment-links-dialog");
        assertThat(dialog.getHeaderTitle()).isEqualTo("Create Invoice Online Payment Links");
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> targets = $(Grid.class, dialog).id("target-invoices");
        @SuppressWarnings("unchecked")
        Grid<BillingInvoice> ineligible = $(Grid.class, dialog).id("ineligible-invoices");
        assertThat(test(targets).size()).isEqualTo(2);
        assertThat(test(ineligible).size()).isEqualTo(2);
        // a negative amount is a credit note, and the merchant is told so; zero is zero
        assertThat(List.of(test(ineligible).getCellText(0, 3), test(ineligible).getCellText(1, 3)))
                .containsExactlyInAnyOrder("Billing amount is zero", "Credit note (negative amount)");

        var create = $(Button.class, dialog).id("create-payment-links");
        assertThat(create.isEnabled()).isTrue();
        test(create).click();

        Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            roundTrip();
            assertThat($(Span.class, dialog).id("payment-links-progress-text").getText()).isEqualTo("2 of 2 processed");
            assertThat($(Span.class, dialog).id("payment-links-result").getText()).isEqualTo("2 payment links created.");
        });
        assertThat(invoices.findAll(sakura, eligible))
                .allMatch(i -> i.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(invoices.find(sakura, zero).orElseThrow().onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
        var row = test(grid).getRow(eligible.contains(test(grid).getRow(2).id()) ? 2 : 3);
        assertThat(row.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        assertThat(row.paymentLinkUrl()).isPresent();
    }

    @Test
    void createIsDisabledWhenNoSelectedInvoiceIsEligible() {
        issue("Z-2", 0);
        navigate(BillingManagementView.class);
        test(gridInView()).select(0);

        new MenuBarTester<>($view(MenuBar.class).id("bulk-action")).clickItem("Bulk Action", "Create Payment Link");

        var dialog = $(Dialog.class).id("create-payment-links-dialog");
        assertThat($(Button.class, dialog).id("create-payment-links").isEnabled()).isFalse();
    }

    @Test
    void anOrganizationWithoutTheAddOnSeesNoBulkActionButANotice() {
        var maple = tenants.withInvoices("Maple", "M", 3, "JPY");
        SignedIn.as(maple, "liam");

        navigate(BillingManagementView.class);

        assertThat($view(MenuBar.class).all()).isEmpty();
        // an Owner may subscribe: the notice says where, with a link to the page
        assertThat(notice()).contains("Online payment links need the Stripe Credit Card Payment Add-on.",
                "create a card-only Stripe payment link for each",
                "To get the Stripe Credit Card Payment Add-on, subscribe to it under Settings > Add-ons.")
                .doesNotContain("administrator", "ask");
        var link = $view(RouterLink.class).id("add-on-notice-subscribe");
        assertThat(link.getText()).isEqualTo("Settings > Add-ons");
        assertThat(link.getHref()).isEqualTo("settings/add-ons");
        assertThat(test(gridInView()).size()).isEqualTo(3);
        // nothing acts on a selection without the add-on: no checkboxes, no selection controls
        assertThat(gridInView().getSelectionModel()).isInstanceOf(com.vaadin.flow.component.grid.GridNoneSelectionModel.class);
        assertThat($view(com.vaadin.flow.component.button.Button.class).withId("remove-all-selections").all()).isEmpty();
    }

    @Test
    void withoutTheAddOnABillingManagerIsToldToAskTheOwner() {
        assertToldToAskTheOwner(MerchantRole.BILLING_MANAGER);
        assertThat(notice()).contains("New Invoice, Import CSV and Export CSV work without it.");
    }

    @Test
    void withoutTheAddOnAViewerIsToldToAskTheOwner() {
        assertToldToAskTheOwner(MerchantRole.VIEWER);
        // issuing, importing and exporting are not a Viewer's: the notice does not offer them
        assertThat(notice()).doesNotContain("New Invoice", "Import CSV", "Export CSV");
    }

    private void assertToldToAskTheOwner(MerchantRole role) {
        var maple = tenants.withInvoices("Maple", "M", 3, "JPY");
        SignedIn.as(maple, "noah", role);

        navigate(BillingManagementView.class);

        assertThat(notice()).contains("Online payment links need the Stripe Credit Card Payment Add-on.",
                "To get the Stripe Credit Card Payment Add-on, ask your organization's Owner to subscribe to it "
                        + "under Settings > Add-ons.");
        // Settings is the Owners' (the view requires OWNER): no link that would only be refused
        assertThat($view(RouterLink.class).withId("add-on-notice-subscribe").all()).isEmpty();
    }

    private String notice() {
        return $view(com.vaadin.flow.component.html.Div.class).id("add-on-notice").getElement().getTextRecursively();
    }

    private InvoiceId issue(String number, long amount) {
        return tenants.invoice(sakura, number, amount, "USD", LocalDate.of(2027, 1, 1));
    }
}
