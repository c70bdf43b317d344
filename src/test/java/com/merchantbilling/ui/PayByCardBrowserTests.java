package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.organizations.OrganizationId;

/**
 * A buyer pays by card on the sandbox's hosted page and the merchant's open grid turns the invoice Paid
 * without a reload: link creation, the signed webhook, exactly-once processing and server push together.
 */
class PayByCardBrowserTests extends SandboxBrowserTestSupport {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;

    @Test
    void buyerPaysWithTheTestCardAndTheGridShowsPaid() {
        var invoice = invoiceWithLink("-0001");
        openBrowser();
        var url = copyLinkOf(invoice);

        var merchantTab = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.driver().get(url);
        assertThat(browser.driver().findElement(By.id("amount")).getText())
                .isEqualTo(invoice.billingAmount().format(java.util.Locale.US));
        pay("4242 4242 4242 4242");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("checkout-result"),
                "Payment successful"));

        browser.driver().switchTo().window(merchantTab);
        browser.waiting().withMessage(() -> "the row still reads: " + rowText(invoice))
                .until(driver -> statusOf(invoice).equals("Paid"));
        var paid = invoices.find(organization(), invoice.id()).orElseThrow();
        assertThat(paid.onlinePayment()).isEqualTo(OnlinePaymentStatus.PAID);
        assertThat(paid.paid()).hasValueSatisfying(details -> {
            assertThat(details.paidAmount()).isEqualTo(invoice.billingAmount());
            assertThat(details.amountDiffers()).isFalse();
        });
    }

    @Test
    void aDeclinedCardLeavesTheInvoicePendingPayment() {
        var invoice = invoiceWithLink("-0002");
        openBrowser();
        var url = copyLinkOf(invoice);

        var merchantTab = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.driver().get(url);
        pay("4000 0000 0000 0002");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("checkout-result"),
                "declined"));

        browser.driver().switchTo().window(merchantTab);
        assertThat(statusOf(invoice)).isEqualTo("Pending Payment");
        assertThat(invoices.find(organization(), invoice.id()).orElseThrow().onlinePayment())
                .isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
    }

    /** Creates the link through the module API, then finds the invoice in the merchant's grid. */
    private BillingInvoice invoiceWithLink(String numberSuffix) {
        var organization = organization();
        var invoice = invoices.page(organization, numberSuffix, com.merchantbilling.invoicing.InvoiceSort.DEFAULT, 0, 1)
                .getFirst();
        assertThat(invoice.billingAmount().isPositive()).isTrue();
        requests.request(organization, List.of(invoice.id()), "sakura");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> invoices
                .find(organization, invoice.id()).orElseThrow().onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT);
        return invoices.find(organization, invoice.id()).orElseThrow();
    }

    private String copyLinkOf(BillingInvoice invoice) {
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        var filter = browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#invoice-filter input")));
        filter.sendKeys(invoice.invoiceNumber(), Keys.ENTER);
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-total"), "1 invoice"));
        browser.waiting().until(driver -> browser.cellTexts(grid).contains(invoice.invoiceNumber()));
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", browser.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        var copy = browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button.copy-payment-link")));
        // the row's labels are written into the renderers' templates once (LitTemplateText), not sent per row
        assertThat(copy.getAttribute("title")).isEqualTo("Copy Payment Link URL");
        // shown where the column has room (styles.css), so read from the DOM rather than as visible text
        assertThat(copy.getDomProperty("textContent").strip()).isEqualTo("Copy link");
        var check = browser.driver().findElement(By.cssSelector("vaadin-button.check-payment:not([hidden])"));
        assertThat(check.getAttribute("aria-label")).isEqualTo("Check Payment");
        assertThat(check.getAttribute("title")).isEqualTo("Ask Stripe whether this invoice was paid");
        assertThat(browser.driver().findElement(By.cssSelector("vaadin-button.invoice-details")).getAttribute("aria-label"))
                .isEqualTo("Details");
        copy.click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-notification-card")));
        var url = (String) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('ERR ' + e));");
        assertThat(url).isEqualTo(invoice.paymentLinkUrl().orElseThrow());
        return url;
    }

    private void pay(String card) {
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("card-number"))).sendKeys(card);
        browser.driver().findElement(By.id("card-expiry")).sendKeys("12 / 34");
        browser.driver().findElement(By.id("card-cvc")).sendKeys("123");
        browser.driver().findElement(By.id("pay-button")).click();
    }

    /**
     * The Online Payment text of the invoice's row: from the cell showing its number to that row's last
     * cell, through the grid's slots (the grid recycles a pool of cells, so text alone is ambiguous).
     */
    private String statusOf(BillingInvoice invoice) {
        return String.valueOf(browser.js("""
                const number = Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'))
                    .find(c => c.textContent.trim() === arguments[1] && c.assignedSlot);
                if (!number) return 'no row';
                const row = number.assignedSlot.closest('tr');
                const cells = Array.from(row.querySelectorAll('slot'))
                    .map(slot => slot.assignedElements()[0]).filter(Boolean);
                const status = cells[cells.length - 1].querySelector('span.online-payment');
                return status ? status.textContent.trim() : 'no status';""", browser.grid(), invoice.invoiceNumber()));
    }

    private String rowText(BillingInvoice invoice) {
        return String.valueOf(browser.js("""
                const cells = Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'));
                return cells.filter(c => c.closest('vaadin-grid') === arguments[0])
                    .map(c => c.textContent.trim()).join(' | ');""", browser.grid()));
    }

    private OrganizationId organization() {
        return demoOrganization("ST-");
    }

}
