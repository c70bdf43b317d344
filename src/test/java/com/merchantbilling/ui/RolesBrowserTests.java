package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.support.BrowserSession;

/**
 * The demo users of each role in real Chromium: a Viewer reads and copies links but gets no Bulk Action, New
 * Invoice or import; an Owner manages users under Settings > Users and invites one through a one-time link.
 */
class RolesBrowserTests extends SandboxBrowserTestSupport {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;

    @Test
    void aViewerSeesNoBulkActionNorNewInvoiceButCopiesLinks() {
        var sakura = demoOrganization("ST-");
        // a link on page 1, made by the test's Owner, so that the Viewer has one to copy
        var invoice = invoices.page(sakura, "", InvoiceSort.DEFAULT, 0, 100).stream()
                .filter(candidate -> Ineligibility.of(candidate).isEmpty()).map(BillingInvoice::id).findFirst()
                .orElseThrow();
        requests.request(sakura, List.of(invoice), "sakura");
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.find(sakura, invoice).orElseThrow()
                .onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT);

        openBrowser();
        browser.signIn("sakura-viewer", "sakura-viewer-pass");
        var grid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("ST-")));

        assertThat(browser.driver().findElements(By.id("bulk-action"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")))
                .noneMatch(WebElement::isDisplayed);
        assertThat(browser.driver().findElements(By.id("new-invoice"))).noneMatch(WebElement::isDisplayed);
        assertThat(browser.driver().findElements(By.id("import-invoices"))).noneMatch(WebElement::isDisplayed);
        assertThat(browser.driver().findElements(By.cssSelector("#add-on-notice"))).isEmpty();
        browser.waiting().until(driver -> !driver.findElements(
                By.cssSelector("vaadin-button.copy-payment-link:not([hidden])")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("vaadin-side-nav-item[path='settings/users']")))
                .isEmpty();

        // typing the address of the Users page gets the Viewer nowhere
        browser.driver().get(browser.baseUrl() + "/settings/users");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        browser.js("return new Promise(r => setTimeout(r, 1000))");
        assertThat(browser.driver().findElements(By.id("users-grid"))).isEmpty();
    }

    @Test
    void anOwnerSeesTheUsersAndTheirRoles() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        browser.grid();
        assertThat(browser.driver().findElements(By.id("bulk-action"))).isNotEmpty();

        browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-side-nav-item[path='settings/users']"))).click();
        var users = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("users-grid")));
        browser.waiting().until(driver -> browser.cellTexts(users).contains("sakura-viewer"));
        assertThat(browser.cellTexts(users)).contains("sakura", "sakura-billing", "sakura-viewer", "Aiko Sato",
                "Kenji Ito", "Yui Tanaka");
    }

    @Test
    void anInvitedViewerChoosesAPasswordThroughTheOneTimeLinkAndSignsIn() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        browser.grid();
        browser.driver().get(browser.baseUrl() + "/settings/users");
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("invite-user"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-dialog")));

        // nothing filled in: the address is named first
        browser.driver().findElement(By.id("invite-send")).click();
        browser.waiting().until(driver -> Boolean.TRUE.equals(browser.js(
                "return document.getElementById('invite-email').invalid")));
        assertThat(browser.js("return document.getElementById('invite-email').errorMessage"))
                .isEqualTo("Enter an e-mail address.");

        String email = "hana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        type("invite-email", email);
        type("invite-display-name", "Hana Mori");
        browser.driver().findElement(By.id("invite-send")).click();
        browser.waiting().until(driver -> Boolean.TRUE.equals(browser.js(
                "return document.getElementById('invite-role').invalid")));
        assertThat(browser.js("return document.getElementById('invite-role').errorMessage"))
                .isEqualTo("Choose a role: Owner, Billing manager or Viewer.");

        browser.driver().findElement(By.id("invite-role")).click();
        // the Users grid's role selects have items of their own, and each select a copy of its chosen item
        // ("value-..."): the item of the invite form's open list
        browser.waiting().until(driver -> driver.findElements(By.xpath("//*[@id='invite-role']"
                + "//vaadin-select-item[normalize-space()='Viewer' and not(starts-with(@id, 'value-'))]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        browser.driver().findElement(By.id("invite-send")).click();
        var link = (String) browser.waiting().until(driver -> browser.js(
                "var f = document.getElementById('invitation-link'); return f ? f.value : null"));
        assertThat(link).startsWith(browser.baseUrl() + "/invitation/");

        try (var invited = new BrowserSession(port)) {
            invited.driver().get(link);
            invited.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-welcome")));
            typeIn(invited, "invitation-password", "password1234");
            typeIn(invited, "invitation-repeat", "password1234");
            invited.driver().findElement(By.id("invitation-save")).click();
            invited.waiting().until(driver -> Boolean.TRUE.equals(invited.js(
                    "return document.getElementById('invitation-password').invalid")));
            assertThat(invited.js("return document.getElementById('invitation-password').errorMessage"))
                    .isEqualTo("This password is too common. Choose a longer phrase of your own.");

            typeIn(invited, "invitation-password", "lanterns-over-the-river");
            typeIn(invited, "invitation-repeat", "lanterns-over-the-river");
            invited.driver().findElement(By.id("invitation-save")).click();
            invited.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-done")));

            invited.signIn(email, "lanterns-over-the-river");
            var grid = invited.grid();
            invited.waiting().until(driver -> invited.cellTexts(grid).stream().anyMatch(t -> t.startsWith("ST-")));
            assertThat(invited.driver().findElements(By.id("bulk-action"))).isEmpty();

            // the link was for one use
            invited.driver().get(link);
            invited.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-invalid")));
        }
    }

    private void type(String id, String text) {
        typeIn(browser, id, text);
    }

    private static void typeIn(BrowserSession session, String id, String text) {
        var input = session.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#" + id + " input")));
        input.clear();
        session.js("var f = document.getElementById(arguments[0]); f.value = ''; "
                + "f.dispatchEvent(new Event('change', {bubbles: true}))", id);
        input.sendKeys(text);
        input.sendKeys(org.openqa.selenium.Keys.TAB);
    }
}
