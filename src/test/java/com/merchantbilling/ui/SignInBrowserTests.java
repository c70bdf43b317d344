package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.merchantbilling.support.Browser;

/** Headless Chromium signs in with the demo credentials from the README and reads the first page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "merchantbilling.demo-data.enabled=true")
class SignInBrowserTests {

    @LocalServerPort
    int port;

    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void demoMerchantSignsInAndSeesTheFirstPageOfInvoices() {
        signIn("sakura", "sakura-demo-pass");

        var grid = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("billing-invoices-grid")));
        wait.until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        assertThat(browser.findElement(By.id("pager-total")).getText()).isEqualTo("260 invoices");
        assertThat(gridSize(grid)).isEqualTo(100);
        wait.until(driver -> cellTexts(grid).stream().anyMatch(text -> text.startsWith("ST-")));
        assertThat(cellTexts(grid)).contains("Invoice Number", "Buyer", "Billing Amount", "Online Payment")
                .noneMatch(text -> text.startsWith("MG-"));
        assertThat(browser.findElement(By.id("current-organization")).getText()).isEqualTo("Sakura Trading");
    }

    @Test
    void otherOrganizationSeesOnlyItsOwnInvoices() {
        signIn("maple", "maple-demo-pass");

        var grid = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("billing-invoices-grid")));
        wait.until(ExpectedConditions.textToBe(By.id("pager-total"), "12 invoices"));
        assertThat(gridSize(grid)).isEqualTo(12);
        wait.until(driver -> cellTexts(grid).stream().anyMatch(text -> text.startsWith("MG-")));
        assertThat(cellTexts(grid)).noneMatch(text -> text.startsWith("ST-"));
    }

    @Test
    void wrongPasswordStaysOnTheSignInPage() {
        signIn("sakura", "not-the-password");

        wait.until(ExpectedConditions.urlContains("error"));
        assertThat(browser.findElements(By.id("billing-invoices-grid"))).isEmpty();
    }

    private void signIn(String username, String password) {
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        var usernameField = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-login-form input[name='username']")));
        usernameField.sendKeys(username);
        browser.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(password);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
    }

    private long gridSize(WebElement grid) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].size", grid)).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> cellTexts(WebElement grid) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent.trim())", grid);
    }
}
