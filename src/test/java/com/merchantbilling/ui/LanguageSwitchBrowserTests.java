package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo merchant switches the UI to Japanese in a real browser (whose own language is English), keeps it
 * across a reload, and switches back.
 */
class LanguageSwitchBrowserTests extends SandboxBrowserTestSupport {

    @Test
    void merchantSwitchesToJapaneseAndBack() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        browser.waiting().until(driver -> browser.cellTexts(grid).contains("Invoice Number"));

        browser.chooseLanguage("日本語");

        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "3ページ中1ページ目"));
        var japaneseGrid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(japaneseGrid).contains("請求書番号"));
        assertThat(browser.cellTexts(japaneseGrid)).contains("購入者", "発行日", "支払期日", "請求金額", "オンライン決済")
                .doesNotContain("Invoice Number");
        assertThat(browser.driver().findElement(By.id("pager-total")).getText()).matches(Pattern.compile("請求書 \\d+件"));
        assertThat(browser.driver().findElement(By.id("sign-out")).getText()).isEqualTo("ログアウト");
        assertThat(browser.driver().getTitle()).isEqualTo("請求管理 | Merchant Billing");

        // the session's choice wins over the browser's English on the next request
        browser.driver().navigate().refresh();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "3ページ中1ページ目"));

        browser.chooseLanguage("English");

        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        var englishGrid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(englishGrid).contains("Invoice Number"));
        assertThat(browser.cellTexts(englishGrid)).doesNotContain("請求書番号");
        assertThat(browser.driver().findElement(By.id("pager-total")).getText()).matches("\\d+ invoices");
    }
}
