package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;

/**
 * Issue 14's Copy Payment Links and payment slips, and issue 11's grid width, in real Chromium against the built-in
 * sandbox: the clipboard read back after Copy Payment Links, the slips' and the details' QR codes decoded with ZXing
 * to the links' URLs, another organization's slip refused, and a grid without horizontal scrolling at 1280x720 and
 * 1440x900 in both languages with the navigation drawer open. An organization of its own per test, so that the
 * other browser classes' runs on the demo organization do not matter. With {@code -Dscreens.dir=...} it also saves
 * what it shows, for a person to look at.
 */
class PaymentLinkSharingBrowserTests extends SandboxBrowserTestSupport {

    private static final String PASSWORD = "slips-browser-pass";
    private static final String HEADER_CHECKBOX = "vaadin-checkbox.vaadin-grid-select-all-checkbox";

    @Autowired
    Organizations organizations;

    @Autowired
    AddOnSubscriptions addOns;

    @Autowired
    BillingInvoices invoices;

    OrganizationId organization;
    String username;
    List<InvoiceId> issued = new ArrayList<>();

    @BeforeEach
    void organizationWithInvoices() {
        var suffix = Long.toString(System.nanoTime(), 36);
        organization = organizations.register("Hikari Print " + suffix, Optional.empty()).id();
        username = "slips-" + suffix;
        organizations.addUser(organization, username, "Hana Mori", PASSWORD);
        addOns.subscribe(organization, AddOn.STRIPE_CREDIT_CARD_PAYMENT);
        var buyers = List.of("Aoba Logistics", "Midori Design Studio", "Seaside Hotels Group", "Yamato Tea House");
        for (int i = 1; i <= 4; i++) {
            issued.add(invoices.issue(organization, new NewInvoice("HP-2026-%04d".formatted(i), buyers.get(i - 1),
                    null, LocalDate.of(2026, 11, 20 + i), LocalDate.of(2026, 12, 20 + i), Money.of(120_000L * i, "JPY"))));
        }
        // no link for a zero amount: the one Copy Payment Links must name
        issued.add(invoices.issue(organization, new NewInvoice("HP-2026-0005", "Zenith Robotics", null,
                LocalDate.of(2026, 11, 5), LocalDate.of(2026, 12, 15), Money.of(0, "JPY"))));
    }

    @Test
    void copyLinksOfASelectionAndReadTheClipboardBack() {
        signInWithLinks();
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", browser.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        selectPage();
        bulkAction("copy-payment-links");

        var dialog = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("copy-payment-links-dialog")));
        var zero = invoices.find(organization, issued.get(4)).orElseThrow();
        assertThat(browser.driver().findElement(By.id("copy-links-without-link")).getText())
                .isEqualTo("1 selected invoice has no payment link and is not copied: " + zero.invoiceNumber());
        assertThat(dialog.getText()).contains("4 payment links, ready to paste into a spreadsheet");
        shoot("copy-dialog-en");
        browser.driver().findElement(By.id("copy-payment-links-to-clipboard")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("copy-links-result"),
                "4 payment links copied to the clipboard."));
        shoot("copy-result-en");

        var clipboard = (String) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('ERR ' + e));");
        var rows = clipboard.split("\n");
        assertThat(rows[0]).isEqualTo("Invoice Number\tBuyer\tBilling Amount\tDue Date\tPayment Link URL");
        var expected = linked().stream().map(invoice -> String.join("\t", invoice.invoiceNumber(), invoice.buyerName(),
                invoice.billingAmount().format(java.util.Locale.US), DateTimeFormatter.ISO_LOCAL_DATE.format(invoice.dueDate()),
                invoice.paymentLinkUrl().orElseThrow())).toList();
        assertThat(List.of(rows).subList(1, rows.length)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSize(4).allMatch(row -> row.contains("http://localhost:" + port + "/"));
    }

    @Test
    void aPaymentSlipShowsAQrCodeThatDecodesToTheLink() throws Exception {
        signInWithLinks();
        selectPage();
        var tabs = browser.driver().getWindowHandles().size();
        bulkAction("print-payment-slips");
        browser.waiting().until(driver -> driver.getWindowHandles().size() == tabs + 1);
        var slipsTab = browser.driver().getWindowHandles().stream()
                .filter(handle -> !handle.equals(browser.driver().getWindowHandle())).findFirst().orElseThrow();
        browser.driver().switchTo().window(slipsTab);
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".payment-slip"), 4));

        var byId = new java.util.HashMap<String, BillingInvoice>();
        linked().forEach(invoice -> byId.put(invoice.id().toString(), invoice));
        for (var slip : browser.driver().findElements(By.cssSelector(".payment-slip"))) {
            var invoice = byId.get(slip.getAttribute("data-invoice"));
            assertThat(invoice).isNotNull();
            var url = invoice.paymentLinkUrl().orElseThrow();
            assertThat(slip.getText()).contains(invoice.invoiceNumber(), invoice.buyerName(),
                    invoice.billingAmount().format(java.util.Locale.US), url, "Hikari Print");
            // the PNG the page holds, and the code as Chromium drew it on the page
            var image = slip.findElement(By.cssSelector("img.slip-qr"));
            assertThat(decode(dataUrlBytes(image.getAttribute("src")))).isEqualTo(url);
            assertThat(decodeAsDrawn(image)).isEqualTo(url);
        }
        assertThat(browser.driver().findElement(By.id("slips-without-link")).getText()).endsWith("-0005");
        shoot("slips-screen-en");

        // paper: the toolbar stays off, each slip on a page of its own
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(browser.js("return getComputedStyle(document.querySelector('.slips-toolbar')).display")).isEqualTo("none");
        assertThat(browser.js("return getComputedStyle(document.querySelector('.payment-slip')).breakAfter")).isEqualTo("page");
        shoot("slips-print-en");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        // and printed on A4 as Chromium prints it: four slips, four pages
        var options = new org.openqa.selenium.print.PrintOptions();
        options.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        var pdf = new String(Base64.getDecoder().decode(browser.driver().print(options).getContent()),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(Pattern.compile("/Type\\s*/Page[^s]").matcher(pdf).results().count()).isEqualTo(4);
        var dir = System.getProperty("screens.dir");
        if (dir != null && !dir.isBlank()) {
            Files.write(Path.of(dir, "slips-en.pdf"), pdf.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void anotherOrganizationsSlipIsNotFound() {
        signInWithLinks();
        var other = organizations.register("Other Slips " + System.nanoTime(), Optional.empty()).id();
        var theirs = invoices.issue(other, new NewInvoice("OS-1", "Other Buyer", null, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), Money.of(1000, "JPY")));

        for (var ids : List.of(theirs.toString(), issued.getFirst() + "," + theirs)) {
            browser.driver().get(browser.baseUrl() + "/billing/slips?invoices=" + ids);
            browser.waiting().until(ExpectedConditions.textMatches(By.tagName("body"), Pattern.compile("Could not navigate")));
            assertThat(browser.driver().findElements(By.cssSelector(".payment-slip"))).isEmpty();
        }
        // the organization's own still open
        browser.driver().get(browser.baseUrl() + "/billing/slips?invoices=" + issued.getFirst());
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".payment-slip"), 1));
    }

    @Test
    void theDetailsShowTheQrCodeAndItsPngDownload() throws Exception {
        signInWithLinks();
        var invoice = invoices.find(organization, issued.get(1)).orElseThrow();
        var grid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(grid).contains(invoice.invoiceNumber()));
        browser.js("const cells = Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'));"
                + "const number = cells.find(c => c.textContent.trim() === arguments[1]);"
                + "const row = cells.filter(c => c.assignedSlot && number.assignedSlot"
                + " && c.assignedSlot.parentElement.parentElement === number.assignedSlot.parentElement.parentElement);"
                + "row.map(c => c.querySelector('vaadin-button.invoice-details')).find(b => b).click();",
                grid, invoice.invoiceNumber());
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invoice-details-qr-image")));
        var url = invoice.paymentLinkUrl().orElseThrow();
        var image = browser.driver().findElement(By.id("invoice-details-qr-image"));
        assertThat(decode(dataUrlBytes(image.getAttribute("src")))).isEqualTo(url);
        shoot("details-qr-en");

        var href = browser.driver().findElement(By.id("invoice-details-qr-download")).getAttribute("href");
        var png = (String) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.blob()).then(b => new Promise(ok => { const f = new FileReader();"
                + " f.onload = () => ok(f.result); f.readAsDataURL(b); })).then(done, e => done('ERR ' + e));", href);
        assertThat(png).startsWith("data:image/png");
        assertThat(decode(dataUrlBytes(png))).isEqualTo(url);
        assertThat(browser.driver().findElement(By.id("invoice-details-slip")).getAttribute("href"))
                .endsWith("/billing/slips?invoices=" + invoice.id());
    }

    /**
     * Issue 11: with the navigation drawer open, the grid's columns fit its width at 1280x720 and 1440x900, in English
     * and Japanese: no horizontal scrolling, and the headers of the number, date and amount columns are not cut.
     */
    @Test
    void theGridFitsWithTheDrawerOpen() {
        signInWithLinks();
        for (var language : List.of("en", "ja")) {
            if (language.equals("ja")) {
                chooseLanguage("日本語");
                browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"), Pattern.compile(".*ページ.*")));
            }
            var grid = browser.grid();
            for (var viewport : List.of(List.of(1280, 720), List.of(1440, 900))) {
                useViewport(viewport.get(0), viewport.get(1) - 143);
                assertThat(browser.js("const l = document.querySelector('vaadin-app-layout');"
                        + "return l.drawerOpened && !l.overlay")).as("drawer open beside the content").isEqualTo(true);
                browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("HP-")));
                // the layout settles after the resize (the drawer's padding transition); then it must fit
                try {
                    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                            .until(driver -> width(overflow(grid), "scrollWidth") <= width(overflow(grid), "clientWidth"));
                } catch (org.openqa.selenium.TimeoutException stillOverflowing) {
                    // the assertion below says by how much
                }
                var measured = overflow(grid);
                assertThat(width(measured, "scrollWidth")).as("%s at %s: %s", language, viewport, measured)
                        .isLessThanOrEqualTo(width(measured, "clientWidth"));
                assertThat(cutHeaders(grid)).as("cut headers, %s at %s", language, viewport).isEmpty();
                assertThat(cutCells(grid)).as("cut numbers, dates and amounts, %s at %s", language, viewport).isEmpty();
                shoot("grid-%s-%dx%d".formatted(language, viewport.get(0), viewport.get(1)));
            }
        }
    }

    /**
     * Not a check but pictures for a person (run with {@code -Dscreens.dir=...}): the copy dialog after copying, the
     * details with the QR code, the slips on screen and as printed, in both languages at 1280x720 and 1440x900.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "screens.dir", matches = ".+")
    void screens() {
        signInWithLinks();
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("origin", browser.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        var invoice = invoices.find(organization, issued.get(1)).orElseThrow();
        for (var language : List.of("en", "ja")) {
            if (language.equals("ja")) {
                chooseLanguage("日本語");
                browser.waiting().until(ExpectedConditions.textMatches(By.id("pager-status"), Pattern.compile(".*ページ.*")));
            }
            for (var viewport : List.of(List.of(1280, 720), List.of(1440, 900))) {
                var size = "%s-%dx%d".formatted(language, viewport.get(0), viewport.get(1));
                useViewport(viewport.get(0), viewport.get(1) - 143);
                var grid = browser.grid();
                browser.waiting().until(driver -> browser.cellTexts(grid).contains(invoice.invoiceNumber()));
                browser.driver().findElement(By.cssSelector(HEADER_CHECKBOX)).click();
                browser.waiting().until(ExpectedConditions.textMatches(By.id("selection-status"), Pattern.compile(".*5.*")));
                bulkAction("copy-payment-links");
                browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("copy-payment-links-to-clipboard"))).click();
                browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("copy-links-result")));
                shoot("copy-result-" + size);
                browser.driver().findElement(By.id("close-copy-links-dialog")).click();
                browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("copy-payment-links-dialog"), 0));
                browser.driver().findElement(By.id("remove-all-selections")).click();

                browser.js("Array.from(document.querySelectorAll('vaadin-button.invoice-details'))"
                        + ".filter(b => b.offsetParent !== null)[arguments[0]].click()", 2);
                browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invoice-details-qr-image")));
                shoot("details-qr-" + size);
                browser.driver().findElement(By.id("invoice-details-close")).click();
                browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("invoice-details-dialog"), 0));

                var grid1 = browser.driver().getWindowHandle();
                browser.driver().get(browser.baseUrl() + "/billing/slips?invoices="
                        + String.join(",", issued.stream().map(InvoiceId::toString).toList()));
                browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".payment-slip"), 4));
                shoot("slips-screen-" + size);
                browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
                shoot("slips-print-" + size);
                browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
                browser.driver().get(browser.baseUrl() + "/billing-management");
                assertThat(browser.driver().getWindowHandle()).isEqualTo(grid1);
            }
        }
        assertThat(Path.of(System.getProperty("screens.dir"), "slips-print-ja-1440x900.png")).isNotEmptyFile();
    }

    private void signInWithLinks() {
        openBrowser();
        browser.signIn(username, PASSWORD);
        var grid = browser.grid();
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("HP-")));
        browser.js("document.querySelectorAll('copilot-main').forEach(c => c.style.display = 'none')");
        selectPage();
        bulkAction("create-payment-link");
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-payment-links-dialog")));
        browser.driver().findElement(By.id("create-payment-links")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("payment-links-result"), "4 payment links created."));
        browser.driver().findElement(By.id("close-payment-links-dialog")).click();
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.id("create-payment-links-dialog"), 0));
        browser.waiting().until(driver -> browser.onlinePaymentStatuses(grid).stream()
                .filter("Pending Payment"::equals).count() == 4);
        // the linked four left the selection; the zero amount stays: start each test from none
        browser.driver().findElement(By.id("remove-all-selections")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), ""));
        browser.js("document.querySelectorAll('vaadin-notification').forEach(n => n.opened = false)");
    }

    private List<BillingInvoice> linked() {
        return invoices.findAll(organization, issued).stream().filter(i -> i.paymentLinkUrl().isPresent()).toList();
    }

    private void selectPage() {
        browser.driver().findElement(By.cssSelector(HEADER_CHECKBOX)).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "5 of at most 100 selected"));
    }

    private void bulkAction(String item) {
        browser.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id(item))).click();
    }

    private void chooseLanguage(String language) {
        // development mode's toolbar may lie over the header's right end, where the switch is: opened from script
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("language-switch")));
        browser.js("document.querySelectorAll('copilot-main').forEach(c => c.style.display = 'none');"
                + "document.getElementById('language-switch').opened = true");
        var item = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//vaadin-select-item[normalize-space()='" + language + "']")));
        browser.js("arguments[0].click()", item);
    }

    private static long width(Map<String, Object> measured, String key) {
        return ((Number) measured.get(key)).longValue();
    }

    /** The grid scroller's widths, with each column's body cell width for the failure message. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> overflow(WebElement grid) {
        var measured = (Map<String, Object>) browser.js("const t = arguments[0].shadowRoot.querySelector('#table');"
                + "return {scrollWidth: t.scrollWidth, clientWidth: t.clientWidth, grid: arguments[0].clientWidth,"
                + " window: window.innerWidth, fontSize: parseFloat(getComputedStyle(arguments[0]).fontSize),"
                + " columns: arguments[0]._getColumnsInOrder().map(c => Math.round((c._cells && c._cells[0] ? c._cells[0] : c._headerCell).offsetWidth)).join(' ')};", grid);
        return measured;
    }

    /** Header texts wider than their cells (the sorter's text is what gets an ellipsis). */
    @SuppressWarnings("unchecked")
    private List<String> cutHeaders(WebElement grid) {
        return (List<String>) browser.js("return Array.from(arguments[0].querySelectorAll('vaadin-grid-sorter'))"
                + ".filter(s => s.shadowRoot.querySelector('[part=content]').scrollWidth"
                + " > s.shadowRoot.querySelector('[part=content]').clientWidth)"
                + ".map(s => s.textContent.trim())", grid);
    }

    /** Cells of the number, date and amount columns whose text does not fit (the buyer may be cut, with a tooltip). */
    @SuppressWarnings("unchecked")
    private List<String> cutCells(WebElement grid) {
        // columns in order: selection, details, number, buyer, issue date, due date, amount, online payment
        return (List<String>) browser.js("const g = arguments[0];"
                + "const columns = g._getColumnsInOrder();"
                + "const checked = [2, 4, 5, 6].map(i => columns[i]);"
                + "return Array.from(g.querySelectorAll('vaadin-grid-cell-content'))"
                + ".filter(c => c.assignedSlot && c.assignedSlot.parentElement._column"
                + " && checked.includes(c.assignedSlot.parentElement._column))"
                + ".filter(c => c.textContent.trim() && c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.trim())", grid);
    }

    private void useViewport(int width, int height) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    private void shoot(String name) {
        var dir = System.getProperty("screens.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            // development mode's popup and toolbar are no part of what a merchant sees (issue 11 item 7)
            browser.js("document.querySelectorAll('copilot-main, vaadin-dev-tools').forEach(c => c.style.display = 'none')");
            browser.js("return new Promise(r => setTimeout(r, 300))");
            browser.js("window.scrollTo(0, 0)");
            Files.write(Path.of(dir, name + ".png"), browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] dataUrlBytes(String dataUrl) {
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        return Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    /**
     * The code as Chromium drew it: the image in the middle of the viewport (an element screenshot taken while the
     * page still scrolls it into view caught it half drawn once in CI), read again until it decodes or the wait ends.
     */
    private String decodeAsDrawn(org.openqa.selenium.WebElement image) {
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", image);
        return browser.waiting().until(driver -> {
            try {
                return decode(image.getScreenshotAs(OutputType.BYTES));
            } catch (Exception notYet) {
                return null;
            }
        });
    }
}
