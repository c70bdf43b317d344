package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentStatus;

/**
 * The headline feature in a real browser, against the built-in Stripe sandbox on the app's own port:
 * select a page, create its payment links, watch the rows change, copy a link's URL.
 */
class BulkPaymentLinksBrowserTests extends SandboxBrowserTestSupport {

    @Autowired
    BillingInvoices invoices;

    @Test
    void merchantCreatesLinksForAPageAndCopiesOne() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("ST-")));
        // what page 1 holds right now (other browser classes share this demo organization)
        var sakura = demoOrganization("ST-");
        var eligible = invoices.page(sakura, "", InvoiceSort.DEFAULT, 0, 100).stream()
                .filter(invoice -> Ineligibility.of(invoice).isEmpty()).map(BillingInvoice::id).toList();
        assertThat(eligible).isNotEmpty();

        // the header checkbox of the selection column ticks every invoice on the page
        grid.findElement(By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "100 of at most 100 selected"));

        browser.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-link"))).click();

        var dialog = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("create-payment-links-dialog")));
        assertThat(dialog.getText()).contains("Create Invoice Online Payment Links", "Target Billing Invoices",
                "Not processed", "Billing amount is zero", "Credit note (negative amount)");

        browser.driver().findElement(By.id("create-payment-links")).click();
        browser.waiting().until(ExpectedConditions.textMatches(By.id("payment-links-result"),
                java.util.regex.Pattern.compile("\\d+ payment links? created\\.")));
        assertThat(browser.driver().findElement(By.id("payment-links-not-processed")).getText())
                .contains("Billing amount is zero", "Credit note (negative amount)");
        assertThat(browser.driver().findElement(By.id("payment-links-result")).getText())
                .isEqualTo(eligible.size() + " payment links created.");
        assertThat(invoices.findAll(sakura, eligible))
                .hasSize(eligible.size())
                .allMatch(i -> i.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT);
        browser.driver().findElement(By.id("close-payment-links-dialog")).click();
        // the closing dialog still covers the rows for its animation
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("create-payment-links-dialog"), 0));

        // the rows changed without a reload (server push)
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.contains("Pending Payment")));

        var origin = browser.baseUrl();
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        var createdUrls = invoices.findAll(sakura, eligible).stream()
                .flatMap(i -> i.paymentLinkUrl().stream()).toList();
        // a row of one of this page's new links (other tests of the shared context may have links on the page too)
        var button = browser.waiting().until(driver -> driver.findElements(By.cssSelector("vaadin-button.copy-payment-link"))
                .stream().filter(b -> b.isDisplayed() && createdUrls.contains(b.getAttribute("data-url")))
                .findFirst().orElse(null));
        var url = button.getAttribute("data-url");
        button.click();
        browser.waiting().until(ExpectedConditions.textMatches(By.cssSelector("vaadin-notification-card"),
                java.util.regex.Pattern.compile("Payment link URL of .* copied to the clipboard\\.")));
        var clipboard = browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('ERR ' + e));");
        assertThat(clipboard).isEqualTo(url);
    }

    @Test
    void organizationWithoutTheAddOnSeesNoCreatePaymentLink() {
        openBrowser();
        browser.signIn("maple", "maple-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("MG-")));

        assertThat(browser.driver().findElements(By.id("bulk-action"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("add-on-notice")).getText())
                .contains("Stripe Credit Card Payment Add-on");
    }
}
