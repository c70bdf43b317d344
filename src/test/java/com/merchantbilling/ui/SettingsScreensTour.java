package com.merchantbilling.ui;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.support.TestTenants;

/**
 * Screenshots of Settings > Add-ons, Settings > Stripe account before and after onboarding, and the sandbox's
 * onboarding page, in English and Japanese at 1280x720 and 1440x900, for a person to look at (run with
 * -Dscreens.dir=...). Not part of the suite's verdict: it only checks that the pictures exist.
 */
@EnabledIfSystemProperty(named = "screens.dir", matches = ".+")
class SettingsScreensTour extends SandboxBrowserTestSupport {

    @Autowired
    Organizations organizations;
    @Autowired
    BillingInvoices invoices;

    @Test
    void takeScreens() throws IOException {
        for (var language : List.of("en", "ja")) {
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            var organization = organizations.register("Kaede Supplies " + suffix, Optional.empty()).id();
            organizations.addUser(organization, "kaede-" + suffix, "Kaede Mori", "kaede-pass-" + suffix);
            TestTenants.invoices(invoices, organization, "KS-", 5, "JPY");
            openBrowser();
            browser.signIn("kaede-" + suffix, "kaede-pass-" + suffix);
            browser.grid();
            if (language.equals("ja")) {
                browser.chooseLanguage("日本語");
                browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"),
                        java.util.regex.Pattern.compile(".*ページ.*")));
            }
            browser.driver().get(browser.baseUrl() + "/settings/add-ons");
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("subscribe-add-on")));
            shootAtViewports(browser, "add-ons-not-subscribed", language);
            browser.driver().findElement(By.id("subscribe-add-on")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-add-on")));
            shootAtViewports(browser, "add-ons-active", language);

            browser.driver().get(browser.baseUrl() + "/settings/stripe");
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-stripe-account")));
            shootAtViewports(browser, "stripe-not-connected", language);
            browser.driver().findElement(By.id("connect-stripe-account")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/stripe-sandbox/connect/onboarding/"));
            shootAtViewports(browser, "sandbox-onboarding", language);
            browser.driver().findElement(By.id("leave-onboarding")).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("stripe-account-verdict")));
            shootAtViewports(browser, "stripe-onboarding-unfinished", language);
            browser.driver().findElement(By.id("connect-stripe-account")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/stripe-sandbox/connect/onboarding/"));
            browser.driver().findElement(By.id("complete-onboarding")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("stripe-account-charges-enabled"),
                    language.equals("ja") ? "はい" : "Yes"));
            shootAtViewports(browser, "stripe-connected", language);
            browser.close();
            browser = null;
        }
    }
}
