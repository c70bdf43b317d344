package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Screenshots of the Billing Invoices toolbar with the Online Payment filter open, in both languages at
 * 1280x720 and 1440x900, for a person to look at (run with -Dscreens.dir=...). Only checks the pictures exist.
 */
@EnabledIfSystemProperty(named = "screens.dir", matches = ".+")
class OnlinePaymentFilterScreensTour extends SandboxBrowserTestSupport {

    @Test
    void takeScreens() throws IOException {
        var dir = screensDir();
        openSignedIn("sakura", "sakura-demo-pass");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("online-payment-filter")));
        for (var language : List.of("en", "ja")) {
            if (language.equals("ja")) {
                browser.chooseLanguage("日本語");
                browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"),
                        java.util.regex.Pattern.compile(".*ページ.*")));
            }
            for (var viewport : VIEWPORTS) {
                resize(browser, viewport);
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("online-payment-filter")))
                        .click();
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-select-item")));
                browser.js("return new Promise(r => setTimeout(r, 500))");
                var file = dir.resolve("filter-open-%s-%dx%d.png".formatted(language, viewport.get(0), viewport.get(1)));
                Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
                assertThat(file).isNotEmptyFile();
                // choose Pending Payment: the toolbar with the chosen option, the grid narrowed
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.xpath(
                        "//vaadin-select-item[contains(., '" + (language.equals("en") ? "Pending Payment" : "支払待ち")
                                + "')]"))).click();
                browser.js("return new Promise(r => setTimeout(r, 700))");
                var chosen = dir.resolve("filter-pending-%s-%dx%d.png".formatted(language, viewport.get(0),
                        viewport.get(1)));
                Files.write(chosen, browser.driver().getScreenshotAs(OutputType.BYTES));
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("online-payment-filter")))
                        .click();
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.xpath(
                        "//vaadin-select-item[contains(., '" + (language.equals("en") ? "All online payments (" : "すべて（") + "')]"))).click();
                browser.js("return new Promise(r => setTimeout(r, 500))");
            }
            if (language.equals("ja")) {
                browser.chooseLanguage("English");
            }
        }
    }
}
