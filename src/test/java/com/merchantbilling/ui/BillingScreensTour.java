package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Screenshots of the Billing Invoices tab in both languages at the viewports of common screens, for a person to
 * look at (run with -Dscreens.dir=...). Not part of the suite's verdict: it only checks that the pictures exist.
 */
@EnabledIfSystemProperty(named = "screens.dir", matches = ".+")
class BillingScreensTour extends SandboxBrowserTestSupport {

    @Test
    void takeScreens() throws IOException {
        var dir = screensDir();
        openBrowser();
        for (var user : List.of("sakura", "maple")) {
            browser.signIn(user, user + "-demo-pass");
            browser.grid();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("pager-status")));
            for (var language : List.of("en", "ja")) {
                if (language.equals("ja")) {
                    browser.chooseLanguage("日本語");
                    browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"),
                            java.util.regex.Pattern.compile(".*ページ.*")));
                }
                for (var viewport : List.of(List.of(1280, 577), List.of(1440, 757))) {
                    resize(browser, viewport);
                    System.out.println("LAYOUT " + user + " " + language + " " + viewport + " " + browser.js(
                            "let e = document.querySelector('.pager'); const out = [];"
                                    + "while (e) { const r = e.getBoundingClientRect(); out.push((e.tagName||'') + '#' + (e.id||'')"
                                    + " + ' ' + Math.round(r.top) + '-' + Math.round(r.bottom));"
                                    + " e = e.parentElement || (e.getRootNode() && e.getRootNode().host); }"
                                    + " return out.join(' < ') + ' grid=' + JSON.stringify(document.querySelector('#billing-invoices-grid').getBoundingClientRect());"));
                    var file = dir.resolve("%s-%s-%dx%d.png".formatted(user, language, viewport.get(0), viewport.get(1)));
                    Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
                    assertThat(file).isNotEmptyFile();
                    if (user.equals("sakura")) {
                        dialogs(dir, user + "-" + language + "-" + viewport.get(0) + "x" + viewport.get(1));
                    }
                }
                if (language.equals("ja")) {
                    browser.chooseLanguage("English");
                    browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"),
                            java.util.regex.Pattern.compile("Page .*")));
                }
            }
            browser.js("document.querySelectorAll('copilot-main').forEach(c => c.style.display = 'none')");
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
            browser.waiting().until(ExpectedConditions.urlContains("/login"));
        }
    }

    /** The Bulk Action menu open with a page selected, and the Create dialog for that selection (then cancelled). */
    private void dialogs(Path dir, String name) throws IOException {
        var grid = browser.grid();
        grid.findElement(By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")).click();
        browser.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-link")));
        browser.js("return new Promise(r => setTimeout(r, 400))");
        var menu = dir.resolve(name + "-bulk-action.png");
        Files.write(menu, browser.driver().getScreenshotAs(OutputType.BYTES));
        browser.driver().findElement(By.id("create-payment-link")).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-payment-links-dialog")));
        browser.js("return new Promise(r => setTimeout(r, 700))");
        var dialog = dir.resolve(name + "-create-dialog.png");
        Files.write(dialog, browser.driver().getScreenshotAs(OutputType.BYTES));
        assertThat(menu).isNotEmptyFile();
        assertThat(dialog).isNotEmptyFile();
        browser.driver().findElement(By.id("close-payment-links-dialog")).click();
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("create-payment-links-dialog"), 0));
        grid.findElement(By.cssSelector("vaadin-checkbox.vaadin-grid-select-all-checkbox")).click();
    }
}
