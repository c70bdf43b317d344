package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.merchantbilling.support.BrowserSession;

/**
 * Screenshots of Settings > Users, the invite form with a validation error and a Viewer's Billing Invoices grid,
 * in both languages at 1280x720 and 1440x900, for a person to look at (run with -Dscreens.dir=...). Only checks
 * the pictures exist.
 */
@EnabledIfSystemProperty(named = "screens.dir", matches = ".+")
class UsersScreensTour extends SandboxBrowserTestSupport {

    @Test
    void takeScreens() throws IOException {
        openSignedIn("sakura", "sakura-demo-pass");
        for (var language : List.of("en", "ja")) {
            if (language.equals("ja")) {
                browser.chooseLanguage("日本語");
            }
            browser.driver().get(browser.baseUrl() + "/settings/users");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("users-grid")));
            shootAtViewports(browser, "users", language);
            browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("invite-user"))).click();
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-dialog")));
            var email = browser.driver().findElement(By.cssSelector("#invite-email input"));
            email.sendKeys("sakura");
            browser.driver().findElement(By.cssSelector("#invite-display-name input")).sendKeys("Hana Mori");
            browser.driver().findElement(By.id("invite-send")).click();
            browser.waiting().until(driver -> Boolean.TRUE.equals(browser.js(
                    "return document.getElementById('invite-email').invalid")));
            shootAtViewports(browser, "invite-error", language);
            browser.driver().findElement(By.id("invite-cancel")).click();
            if (language.equals("ja")) {
                browser.chooseLanguage("English");
            }
        }

        try (var viewer = new BrowserSession(port)) {
            viewer.signIn("sakura-viewer", "sakura-viewer-pass");
            var grid = viewer.grid();
            for (var language : List.of("en", "ja")) {
                if (language.equals("ja")) {
                    viewer.chooseLanguage("日本語");
                    grid = viewer.grid();
                }
                var shown = grid;
                viewer.waiting().until(driver -> viewer.cellTexts(shown).stream().anyMatch(t -> t.startsWith("ST-")));
                shootAtViewports(viewer, "viewer-grid", language);
            }
            viewer.chooseLanguage("English");
        }
        try (var files = Files.list(screensDir())) {
            assertThat(files.filter(file -> file.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(12);
        }
    }
}
