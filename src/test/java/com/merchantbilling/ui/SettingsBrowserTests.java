package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.stripesandbox.SandboxStripe;
import com.merchantbilling.support.BrowserSession;
import com.merchantbilling.support.TestTenants;

/**
 * Settings > Add-ons and Settings > Stripe account in real Chromium against the built-in sandbox: an Owner's
 * subscription shows Bulk Action on another user's open grid without a reload (and a cancellation takes Create
 * Payment Link away again), and the Stripe account is connected through the sandbox's onboarding page, after which
 * a link is created on it (with {@code Stripe-Account}). Each test has an organization of its own: the demo ones
 * are shared with the other browser classes.
 */
class SettingsBrowserTests extends SandboxBrowserTestSupport {

    @Autowired
    Organizations organizations;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    AddOnSubscriptions addOns;
    @Autowired
    StripeAccounts accounts;
    @Autowired
    SandboxStripe sandbox;

    @Test
    void anOwnerSubscribesAndBulkActionAppearsOnAnotherUsersOpenGrid() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        var organization = organizations.register("Live Add-on " + suffix, Optional.empty()).id();
        organizations.addUser(organization, "owner-" + suffix, "Olivia Owner", "owner-pass-" + suffix);
        organizations.addUser(organization, "clerk-" + suffix, "Carl Clerk", "clerk-pass-" + suffix);
        TestTenants.invoices(invoices, organization, "LA" + suffix + "-", 3, "JPY");

        try (var clerk = new BrowserSession(port)) {
            clerk.signIn("clerk-" + suffix, "clerk-pass-" + suffix);
            var grid = clerk.grid();
            clerk.waiting().until(driver -> clerk.cellTexts(grid).stream().anyMatch(t -> t.startsWith("LA" + suffix)));
            assertThat(clerk.driver().findElements(By.id("bulk-action"))).isEmpty();
            clerk.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("add-on-notice")));

            openBrowser();
            browser.signIn("owner-" + suffix, "owner-pass-" + suffix);
            browser.grid();
            browser.driver().get(browser.baseUrl() + "/settings/add-ons");
            browser.waiting().until(ExpectedConditions.textToBe(By.id("add-on-status"), "Not subscribed"));
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("subscribe-add-on"))).click();
            browser.waiting().until(ExpectedConditions.textMatches(By.id("add-on-status"),
                    java.util.regex.Pattern.compile("Active since .+")));
            assertThat(browser.driver().findElement(By.id("add-on-history")).getText())
                    .contains("subscribed by owner-" + suffix);

            // the clerk's grid, open all along, gets Bulk Action and the checkboxes through push
            clerk.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-action")));
            clerk.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("add-on-notice")));
            clerk.waiting().until(ExpectedConditions.presenceOfNestedElementLocatedBy(grid,
                    By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")));
            clerk.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
            clerk.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-payment-link")));
            clerk.js("document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))");

            // and loses Create Payment Link as soon as the Owner cancels
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("cancel-add-on"))).click();
            browser.waiting().until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#cancel-add-on-dialog vaadin-button[slot='confirm-button']"))).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("add-on-status"), "Not subscribed"));
            clerk.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("bulk-action")));
            clerk.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("add-on-notice")));
        }
        assertThat(addOns.history(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT)).hasSize(2);
    }

    @Test
    void connectingTheStripeAccountInTheSandboxAndCreatingALinkOnIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganizationId organization = organizations.register("Connecting " + suffix, Optional.empty()).id();
        organizations.addUser(organization, "connect-" + suffix, "Chika Connect", "connect-pass-" + suffix);
        addOns.subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        var invoice = TestTenants.invoice(invoices, organization, "CN" + suffix + "-1", 8800, "JPY");

        openBrowser();
        browser.signIn("connect-" + suffix, "connect-pass-" + suffix);
        browser.grid();
        browser.driver().get(browser.baseUrl() + "/settings/stripe");
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("connect-stripe-account"))).click();

        // the sandbox's hosted onboarding page, labelled as such
        browser.waiting().until(ExpectedConditions.urlContains("/stripe-sandbox/connect/onboarding/"));
        assertThat(browser.driver().findElement(By.id("sandbox-label")).getText()).contains("Stripe sandbox");
        String account = browser.driver().findElement(By.id("onboarding-account")).getText();
        assertThat(accounts.find(organization).orElseThrow().accountId()).isEqualTo(account);
        browser.driver().findElement(By.id("complete-onboarding")).click();

        browser.waiting().until(ExpectedConditions.urlContains("/settings/stripe?onboarding=return"));
        browser.waiting().until(ExpectedConditions.textToBe(By.id("stripe-account-charges-enabled"), "Yes"));
        assertThat(browser.driver().findElement(By.id("stripe-account-id")).getText()).isEqualTo(account);
        assertThat(browser.driver().findElement(By.id("stripe-account-details-submitted")).getText()).isEqualTo("Yes");

        browser.driver().get(browser.baseUrl() + "/billing-management");
        var grid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("CN" + suffix)));
        grid.findElement(By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "1 of at most 100 selected"));
        browser.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-link"))).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-links"))).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("payment-links-result"), "1 payment link created."));

        var created = invoices.find(organization, invoice).orElseThrow();
        assertThat(created.onlinePayment()).isEqualTo(OnlinePaymentStatus.PENDING_PAYMENT);
        // the sandbox files a link under the account of the request's Stripe-Account header, and only that
        var link = sandbox.paymentLinks().stream()
                .filter(candidate -> created.paymentLinkUrl().orElseThrow().equals(sandbox.checkoutUrl(candidate.id())))
                .findFirst().orElseThrow();
        assertThat(link.stripeAccount()).isEqualTo(account);
        assertThat(List.of(link.metadata().get("merchant_billing_invoice"))).containsExactly(
                Long.toString(invoice.value()));
    }
}
