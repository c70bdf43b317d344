package com.merchantbilling.support;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A signed-in merchant in headless Chromium, with the few Vaadin-aware helpers the browser tests share. */
public final class BrowserSession implements AutoCloseable {

    private final ChromeDriver driver = Browser.start();
    private final WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    private final String baseUrl;

    public BrowserSession(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public void signIn(String username, String password) {
        driver.get(baseUrl + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-login-form input[name='username']"))).sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
    }

    public WebElement grid() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("billing-invoices-grid")));
    }

    public Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The text of every rendered cell of the grid (Vaadin renders only the rows in view, plus a buffer). */
    @SuppressWarnings("unchecked")
    public List<String> cellTexts(WebElement grid) {
        return (List<String>) js("return Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'))"
                + ".map(c => c.textContent.trim())", grid);
    }

    /**
     * The Online Payment status of each row shown ("Not Created", "Pending Payment", "Paid"), without the
     * labels of the row's action buttons and flags, which a cell's text also holds.
     */
    @SuppressWarnings("unchecked")
    public List<String> onlinePaymentStatuses(WebElement grid) {
        return (List<String>) js("return Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content span.online-payment'))"
                + ".map(s => s.textContent.trim())", grid);
    }

    /** Switches the UI language with the header's switch, by the option's own name ("日本語", "English"). */
    public void chooseLanguage(String language) {
        // the tests run the app in development mode, whose notice covers the header's right end, where the switch is
        js("document.querySelectorAll('copilot-main').forEach(c => c.style.display = 'none')");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("language-switch"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space()='" + language + "']"))).click();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
