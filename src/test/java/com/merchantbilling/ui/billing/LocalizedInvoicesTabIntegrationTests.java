package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.support.Tenants;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;

/** The Billing Invoices tab in Japanese, and in English for a language the app does not have. */
@SpringBootTest
@Import(Tenants.class)
class LocalizedInvoicesTabIntegrationTests extends BillingTabTestSupport {

    OrganizationId sakura;
    OrganizationId maple;

    @BeforeEach
    void organizationsWithInvoices() {
        sakura = tenants.withInvoices("Sakura", "S", 250, "JPY");
        maple = tenants.withInvoices("Maple", "M", 1, "USD");
    }

    @Test
    void japaneseHeadersPagerDatesAndAmounts() {
        UiLanguage.use(Locale.JAPAN);
        SignedIn.as(sakura, "sakura-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();

        assertThat($view(H2.class).single().getText()).isEqualTo("請求管理");
        assertThat(headers(grid)).containsExactly("請求書番号", "購入者", "発行日", "支払期日", "請求金額", "オンライン決済");
        assertThat(text("pager-status")).isEqualTo("3ページ中1ページ目");
        assertThat(text("pager-total")).isEqualTo("請求書 250件");
        assertThat($view(Button.class).id("pager-next").getText()).isEqualTo("次へ");
        assertThat($view(TextField.class).id("invoice-filter").getPlaceholder()).isEqualTo("購入者・請求書番号");
        assertThat($view(TextField.class).id("invoice-filter").getAriaLabel()).hasValue("購入者または請求書番号で絞り込み");
        // this organization has no add-on: no selection controls, the notice instead
        assertThat($view(Button.class).withId("remove-all-selections").all()).isEmpty();

        // S-0250: issued 2026-09-08, due 2026-10-08, JPY 250,000
        assertThat(test(grid).getRow(0).invoiceNumber()).isEqualTo("S-0250");
        assertThat(cell(grid, "issueDate")).isEqualTo("2026/09/08");
        assertThat(cell(grid, "dueDate")).isEqualTo("2026/10/08");
        assertThat(cell(grid, "billingAmount")).isEqualTo("JPY 250,000");
        assertThat(status(grid)).isEqualTo("未作成");

        // without the add-on there is no selection (BulkPaymentLinkTabTests covers the Japanese-free selection texts)
        test(button("pager-next")).click();
        assertThat(text("pager-status")).isEqualTo("3ページ中2ページ目");
    }

    @Test
    void japaneseDecimalAmountsAndASingleInvoice() {
        UiLanguage.use(Locale.JAPANESE);
        SignedIn.as(maple, "maple-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();

        assertThat(text("pager-total")).isEqualTo("請求書 1件");
        assertThat(cell(grid, "billingAmount")).isEqualTo("USD 10.00");
        assertThat($view(com.vaadin.flow.component.html.Div.class).id("add-on-notice").getElement().getTextRecursively()).startsWith("オンライン決済リンクを使うにはStripeクレジットカード決済アドオンが必要です。")
                .contains("Stripeクレジットカード決済アドオンは「設定 > アドオン」からお申し込みいただけます。");
    }

    @Test
    void japaneseAddOnNoticeTellsAViewerWhomToAsk() {
        UiLanguage.use(Locale.JAPANESE);
        SignedIn.as(maple, "maple-viewer", MerchantRole.VIEWER);
        navigate(BillingManagementView.class);

        assertThat($view(com.vaadin.flow.component.html.Div.class).id("add-on-notice").getElement().getTextRecursively())
                .contains("Stripeクレジットカード決済アドオンのお申し込みは、組織のオーナーに「設定 > アドオン」からご依頼ください。");
    }

    @Test
    void anUnsupportedLanguageGetsTheEnglishTextsAndUsFormats() {
        UiLanguage.use(Locale.GERMANY);
        SignedIn.as(sakura, "sakura-user");
        navigate(BillingManagementView.class);
        Grid<BillingInvoice> grid = gridInView();

        assertThat($view(H2.class).single().getText()).isEqualTo("Billing Management");
        assertThat(headers(grid)).containsExactly("Invoice Number", "Buyer", "Issue Date", "Due Date",
                "Billing Amount", "Online Payment");
        assertThat(text("pager-status")).isEqualTo("Page 1 of 3");
        assertThat(text("pager-total")).isEqualTo("250 invoices");
        assertThat(cell(grid, "issueDate")).isEqualTo("Sep 8, 2026");
        assertThat(cell(grid, "billingAmount")).isEqualTo("JPY 250,000");
        assertThat(status(grid)).isEqualTo("Not Created");
    }

    private static java.util.List<String> headers(Grid<BillingInvoice> grid) {
        return java.util.stream.Stream.of("invoiceNumber", "buyer", "issueDate", "dueDate", "billingAmount",
                "onlinePayment").map(key -> grid.getColumnByKey(key).getHeaderText()).toList();
    }

    private String cell(Grid<BillingInvoice> grid, String key) {
        return test(grid).getCellText(0, test(grid).getColumnPosition(key));
    }

    @SuppressWarnings("unchecked")
    private String status(Grid<BillingInvoice> grid) {
        var renderer = (LitRenderer<BillingInvoice>) grid.getColumnByKey("onlinePayment").getRenderer();
        return (String) renderer.getValueProviders().get("status").apply(test(grid).getRow(0));
    }
}
