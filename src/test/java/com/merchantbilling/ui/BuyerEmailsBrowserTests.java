package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.mailcatcher.MailCatcher;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * Email Payment Links and Send Reminder in real Chromium, the developer run as the README starts it: demo data,
 * the Stripe sandbox and the mail catcher (GreenMail inside the JVM), whose received messages are read back:
 * recipient, subject, link, language. With -Dscreens.dir=... it also takes the screenshots of the dialog, its
 * result and the mail catcher page in both languages at 1280x720 and 1440x900.
 */
@TestPropertySource(properties = "mail-catcher.enabled=true")
class BuyerEmailsBrowserTests extends SandboxBrowserTestSupport {

    @Autowired
    BillingInvoices invoices;
    @Autowired
    PaymentLinkRequests requests;

    @Test
    void merchantEmailsLinksForASelectionInTheBuyersLanguagesAndSendsAReminder() throws Exception {
        var sakura = demoOrganization("ST-");
        var eligible = invoices.page(sakura, "", InvoiceSort.DEFAULT, 0, 100).stream()
                .filter(i -> Ineligibility.of(i).isEmpty()).limit(3).toList();
        assertThat(eligible).hasSize(3);
        var english = eligible.get(0);
        var japanese = eligible.get(1);
        var unlinked = eligible.get(2);
        requests.request(sakura, List.of(english.id(), japanese.id()), "sakura");
        await().atMost(Duration.ofSeconds(60)).until(() -> invoices.findAll(sakura, List.of(english.id(), japanese.id()))
                .stream().allMatch(i -> i.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT));
        var englishUrl = invoices.find(sakura, english.id()).orElseThrow().paymentLinkUrl().orElseThrow();
        var japaneseUrl = invoices.find(sakura, japanese.id()).orElseThrow().paymentLinkUrl().orElseThrow();

        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("ST-")));
        int selected = 0;
        for (var invoice : List.of(english, japanese, unlinked)) {
            select(grid, invoice);
            browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"),
                    ++selected + " of at most 100 selected"));
        }

        bulkAction("email-payment-links");
        var dialog = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("buyer-email-dialog")));
        browser.waiting().until(driver -> dialog.getText().contains(japanese.invoiceNumber()));
        assertThat(dialog.getText()).contains("Email Payment Links", "Will be emailed", english.invoiceNumber(),
                "Cannot be emailed (1)", unlinked.invoiceNumber(), "No payment link");
        // the second buyer reads Japanese
        assertThat(browser.driver().findElements(By.cssSelector("vaadin-select.buyer-language"))).hasSize(2);
        chooseLanguage(browser.driver().findElement(By.cssSelector(
                "vaadin-select.buyer-language[data-invoice='" + japanese.invoiceNumber() + "']")), "Japanese");
        shoot("email-dialog");

        browser.driver().findElement(By.id("send-buyer-emails")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("buyer-email-result"), "2 sent · 1 not sent"));
        shoot("email-result");
        var outcomes = browser.driver().findElement(By.id("buyer-email-outcomes")).getText();
        assertThat(outcomes).contains("Not sent: No payment link");

        var englishMail = mailAbout(english.invoiceNumber(), "Invoice ");
        assertThat(englishMail.getSubject()).isEqualTo("Invoice " + english.invoiceNumber() + " from Sakura Trading: pay online");
        assertThat(to(englishMail)).isEqualTo(buyerEmail(english));
        assertThat((String) englishMail.getContent()).contains(englishUrl, english.billingAmount().format(java.util.Locale.US));
        var japaneseMail = mailAbout(japanese.invoiceNumber(), "【");
        assertThat(japaneseMail.getSubject()).isEqualTo("【Sakura Trading】請求書 " + japanese.invoiceNumber() + " のお支払いのご案内");
        assertThat(to(japaneseMail)).isEqualTo(buyerEmail(japanese));
        assertThat((String) japaneseMail.getContent()).contains(japaneseUrl, "様", "お支払期限");

        browser.driver().findElement(By.id("close-buyer-email-dialog")).click();
        // the rows say the link went out (envelope and date, details in the tooltip)
        showOnly(english);
        browser.waiting().until(driver -> followUpTitles().stream().anyMatch(t -> t.startsWith("Link emailed")));

        bulkAction("send-reminder");
        var reminders = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("buyer-email-dialog")));
        browser.waiting().until(driver -> reminders.getText().contains("Send Payment Reminders"));
        browser.driver().findElement(By.id("send-buyer-emails")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("buyer-email-result"), "2 sent · 1 not sent"));
        assertThat(mailAbout(english.invoiceNumber(), "Reminder: ").getSubject())
                .startsWith("Reminder: invoice " + english.invoiceNumber());
        // the buyer's language is remembered for the invoice: the reminder is Japanese too
        assertThat(mailAbout(japanese.invoiceNumber(), "【").getSubject()).contains("リマインダー");
        browser.driver().findElement(By.id("close-buyer-email-dialog")).click();
        browser.waiting().until(driver -> followUpTitles().stream().anyMatch(t -> t.contains("Reminded once")));
        shoot("grid-follow-up");

        // the mail catcher page: labelled as a local stand-in, listing what was sent
        browser.driver().get(browser.baseUrl() + "/mail-catcher");
        browser.waiting().until(driver -> driver.getPageSource().contains("mail-catcher")
                || driver.getPageSource().contains("</html>"));
        assertThat(browser.driver().getPageSource()).as("the mail catcher page").contains("mail-catcher-banner");
        var banner = browser.driver().findElement(By.id("mail-catcher-banner"));
        assertThat(banner.getText()).contains("local stand-in", "never in production");
        assertThat(browser.driver().findElement(By.id("mail-catcher-messages")).getText())
                .contains(english.invoiceNumber(), japanese.invoiceNumber(), buyerEmail(english));
        shoot("mail-catcher");

        if (System.getProperty("screens.dir") != null) {
            takeJapaneseScreens(grid, english, japanese, unlinked);
        }
    }

    /** The same dialog, its result and the catcher in Japanese (a resend run: the merchant asks for it). */
    private void takeJapaneseScreens(WebElement grid, BillingInvoice... selection) throws Exception {
        browser.driver().get(browser.baseUrl() + "/");
        browser.grid();
        browser.js("return new Promise(r => setTimeout(r, 1000))");
        browser.chooseLanguage("日本語");
        browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"), Pattern.compile(".*ページ.*")));
        var jaGrid = browser.grid();
        int selected = 0;
        for (var invoice : selection) {
            select(jaGrid, invoice);
            int now = ++selected;
            browser.waiting().until(driver -> browser.driver().findElement(By.id("selection-status")).getText()
                    .startsWith(String.valueOf(now)));
        }
        bulkAction("email-payment-links");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("buyer-email-dialog")));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#resend-already-sent"))).click();
        shootAs("ja", "email-dialog");
        browser.driver().findElement(By.id("send-buyer-emails")).click();
        browser.waiting().until(ExpectedConditions.textMatches(By.id("buyer-email-result"), Pattern.compile("2件送信.*")));
        shootAs("ja", "email-result");
        browser.driver().get(browser.baseUrl() + "/mail-catcher");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mail-catcher-banner")));
        browser.js("document.querySelectorAll('details').forEach(d => d.open = true)");
        shootAs("ja", "mail-catcher");
    }

    private void shoot(String name) throws Exception {
        shootAs("en", name);
    }

    private void shootAs(String language, String name) throws Exception {
        if (System.getProperty("screens.dir") != null) {
            shootAtViewports(browser, name, language);
        }
    }

    private String buyerEmail(BillingInvoice invoice) {
        return jdbc.sql("select buyer_email from invoices where id = :id").param("id", invoice.id().value())
                .query(String.class).single();
    }

    private static String to(MimeMessage message) throws Exception {
        return message.getRecipients(Message.RecipientType.TO)[0].toString();
    }

    /** The one message received whose subject starts with the prefix and names the invoice. */
    private MimeMessage mailAbout(String invoiceNumber, String subjectPrefix) throws Exception {
        var found = new ArrayList<MimeMessage>();
        for (var message : MailCatcher.messages()) {
            if (message.getSubject().startsWith(subjectPrefix) && message.getSubject().contains(invoiceNumber + " ")) {
                found.add(message);
            }
        }
        if (subjectPrefix.equals("【")) {
            // the link email and the reminder both start with the organization in brackets: the latest is asked for
            assertThat(found).isNotEmpty();
            return found.getLast();
        }
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private void bulkAction(String item) {
        browser.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id(item))).click();
    }

    private void showOnly(BillingInvoice invoice) {
        var input = browser.driver().findElement(By.cssSelector("#invoice-filter input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(invoice.invoiceNumber());
        browser.waiting().until(driver -> browser.driver().findElement(By.id("pager-total")).getText()
                .matches("(請求書 )?1( invoice|件)"));
    }

    /** Filters the list down to the invoice and ticks the checkbox of the row that shows it. */
    private void select(WebElement grid, BillingInvoice invoice) {
        var input = browser.driver().findElement(By.cssSelector("#invoice-filter input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(invoice.invoiceNumber());
        browser.waiting().until(driver -> browser.driver().findElement(By.id("pager-total")).getText()
                .matches("(請求書 )?1( invoice|件)"));
        browser.waiting().until(driver -> rowCheckbox(grid, invoice.invoiceNumber()) != null);
        rowCheckbox(grid, invoice.invoiceNumber()).click();
    }

    /** The selection checkbox in the grid row (a shadow-DOM tr) whose cells show the invoice number. */
    private WebElement rowCheckbox(WebElement grid, String invoiceNumber) {
        return (WebElement) browser.js("""
                const grid = arguments[0], number = arguments[1];
                const content = tr => Array.from(tr.querySelectorAll('slot')).map(slot => slot.assignedElements()[0])
                    .filter(e => e);
                for (const tr of grid.shadowRoot.querySelectorAll('#items tr')) {
                  if (tr.hidden || tr.getBoundingClientRect().height === 0) continue;
                  const cells = content(tr);
                  if (cells.some(c => c.textContent.trim() === number)) {
                    const box = cells.map(c => c.querySelector('vaadin-checkbox')).find(b => b);
                    if (box && !box.checked) return box;
                  }
                }
                return null;""", grid, invoiceNumber);
    }

    private void chooseLanguage(WebElement select, String language) {
        select.click();
        // every select in the grid has its own overlay of items: the open one is the one in view
        var item = browser.waiting().until(driver -> (WebElement) browser.js("""
                return Array.from(document.querySelectorAll('vaadin-select-item'))
                  .find(i => i.textContent.trim() === arguments[0] && i.getBoundingClientRect().height > 0) || null;""",
                language));
        // the overlay is still opening (animated) when found: a DOM click picks the item like a pointer would
        browser.js("arguments[0].click()", item);
        browser.waiting().until(driver -> language.equals(browser.js(
                "return arguments[0].querySelector('vaadin-select-value-button').textContent.trim()", select)));
    }

    @SuppressWarnings("unchecked")
    private List<String> followUpTitles() {
        return (List<String>) browser.js("return Array.from(document.querySelectorAll('span.follow-up'))"
                + ".filter(s => !s.hidden).map(s => s.getAttribute('title'))");
    }
}
