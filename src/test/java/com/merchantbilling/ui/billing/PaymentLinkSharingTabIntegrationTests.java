package com.merchantbilling.ui.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.SignedIn;
import com.merchantbilling.support.Tenants;
import com.merchantbilling.support.UiLanguage;
import com.merchantbilling.ui.billing.slips.PaymentSlipsView;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarTester;

/**
 * Copy Payment Links and Print Payment Slips without a browser: what the copy dialog holds, and that slips show
 * the signed-in organization's invoices only (the browser tests read the clipboard and decode the QR codes).
 */
@SpringBootTest
@Import(Tenants.class)
class PaymentLinkSharingTabIntegrationTests extends BillingTabTestSupport {

    @Autowired
    BillingInvoices invoices;

    OrganizationId hana;
    InvoiceId linkedA;
    InvoiceId linkedB;
    InvoiceId withoutLink;
    String urlA;
    String urlB;

    @BeforeEach
    void organizationWithTwoLinksAndOneInvoiceWithout() {
        UiLanguage.english();
        hana = tenants.subscribed("Hana Copy " + System.nanoTime());
        linkedA = tenants.invoice(hana, "HC-1", 150000, "USD", LocalDate.of(2027, 3, 1));
        linkedB = tenants.invoice(hana, "HC-2", 2500, "USD", LocalDate.of(2027, 3, 2));
        withoutLink = tenants.invoice(hana, "HC-3", 990, "USD", LocalDate.of(2027, 3, 3));
        tenants.pendingWithMadeUpLink(hana, linkedA, "plink_hca", "test");
        tenants.pendingWithMadeUpLink(hana, linkedB, "plink_hcb", "test");
        urlA = invoices.find(hana, linkedA).orElseThrow().paymentLinkUrl().orElseThrow();
        urlB = invoices.find(hana, linkedB).orElseThrow().paymentLinkUrl().orElseThrow();
        SignedIn.as(hana, "hana-copy");
    }

    @Test
    void copyDialogHoldsTheLinkedInvoicesAsATableAndNamesTheOneWithoutALink() {
        navigate(BillingManagementView.class);
        var grid = gridInView();
        for (int row = 0; row < 3; row++) {
            test(grid).select(row);
        }

        new MenuBarTester<>($view(MenuBar.class).id("bulk-action")).clickItem("Bulk Action", "Copy Payment Links");

        var dialog = $(Dialog.class).id("copy-payment-links-dialog");
        assertThat($(Paragraph.class, dialog).id("copy-links-summary").getText()).startsWith("2 payment links, ready to paste");
        assertThat($(Div.class, dialog).id("copy-links-without-link").getElement().getTextRecursively())
                .contains("1 selected invoice has no payment link and is not copied: HC-3");
        @SuppressWarnings("unchecked")
        Grid<com.merchantbilling.invoicing.BillingInvoice> rows = $(Grid.class, dialog).id("copy-links-rows");
        assertThat(test(rows).size()).isEqualTo(2);
        var copy = $(Button.class, dialog).id("copy-payment-links-to-clipboard");
        assertThat(copy.isEnabled()).isTrue();
        // what the browser writes to the clipboard on the click (selection order: newest first in the grid)
        var lines = copy.getElement().getProperty("tsv").split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("Invoice Number\tBuyer\tBilling Amount\tDue Date\tPayment Link URL");
        assertThat(List.of(lines[1], lines[2])).containsExactlyInAnyOrder(
                "HC-1\tBuyer HC-1\tUSD 1,500.00\t2027-03-31\t" + urlA,
                "HC-2\tBuyer HC-2\tUSD 25.00\t2027-04-01\t" + urlB);
    }

    @Test
    void copyIsDisabledWhenNoSelectedInvoiceHasALink() {
        navigate(BillingManagementView.class);
        var grid = gridInView();
        for (int row = 0; row < 3; row++) {
            if (test(grid).getRow(row).id().equals(withoutLink)) {
                test(grid).select(row);
            }
        }

        new MenuBarTester<>($view(MenuBar.class).id("bulk-action")).clickItem("Bulk Action", "Copy Payment Links");

        var dialog = $(Dialog.class).id("copy-payment-links-dialog");
        assertThat($(Button.class, dialog).id("copy-payment-links-to-clipboard").isEnabled()).isFalse();
        assertThat($(Paragraph.class, dialog).id("copy-links-summary").getText())
                .isEqualTo("No selected invoice has a payment link to copy.");
    }

    @Test
    void slipsShowTheOrganizationsLinkedInvoicesAndNameTheOthers() {
        UI.getCurrent().navigate(PaymentSlipsView.ROUTE, PaymentSlipsView.parameters(List.of(linkedB, withoutLink, linkedA)));

        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(PaymentSlipsView.class);
        var slips = $view(Div.class).withClassName("payment-slip").all();
        assertThat(slips).extracting(slip -> slip.getElement().getAttribute("data-invoice"))
                .containsExactly(linkedB.toString(), linkedA.toString());
        assertThat(slips.getFirst().getElement().getTextRecursively())
                .contains("Hana Copy", "HC-2", "Buyer HC-2", "USD 25.00", "April 1, 2027", urlB);
        assertThat($view(Image.class).withClassName("slip-qr").all()).hasSize(2)
                .allMatch(image -> image.getSrc().startsWith("data:image/png;base64,"));
        assertThat($view(Paragraph.class).id("slips-without-link").getText())
                .isEqualTo("No slip for 1 invoice without a payment link: HC-3");
    }

    @Test
    void anotherOrganizationsInvoiceIsNotFound() {
        var other = tenants.subscribed("Other Slips " + System.nanoTime());
        var theirs = tenants.invoice(other, "OS-1", 1000, "USD", LocalDate.of(2027, 3, 1));
        tenants.pendingWithMadeUpLink(other, theirs, "plink_os", "test");

        // alone, and hidden among the organization's own: neither shows a slip
        for (var ids : List.of(List.of(theirs), List.of(linkedA, theirs))) {
            UI.getCurrent().navigate(PaymentSlipsView.ROUTE, PaymentSlipsView.parameters(ids));
            assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(PaymentSlipsView.class);
            assertThat($(Div.class).withClassName("payment-slip").all()).isEmpty();
        }
        for (var bad : List.of("", "x,1", "-4", " ")) {
            UI.getCurrent().navigate(PaymentSlipsView.ROUTE, com.vaadin.flow.router.QueryParameters.of("invoices", bad));
            assertThat(UI.getCurrent().getCurrentView()).as(bad).isNotInstanceOf(PaymentSlipsView.class);
        }
    }
}
