package com.merchantbilling.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.InvoiceSort;

/**
 * The Billing Invoices tab as a merchant uses it (issue 11): the heading checkbox speaks for the page in view,
 * the pager stays on screen, created links leave the selection, and an empty result says so.
 */
class BillingInvoicesTabBrowserTests extends SandboxBrowserTestSupport {

    private static final String HEADER_CHECKBOX = "vaadin-checkbox.vaadin-grid-select-all-checkbox";

    @Autowired
    BillingInvoices invoices;

    @Test
    void headingCheckboxSpeaksForTheCurrentPageOnly() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        waitForRows(grid);

        headerCheckbox().click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "100 of at most 100 selected"));
        assertThat(headerState()).isEqualTo(List.of(true, false));

        browser.driver().findElement(By.id("pager-next")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 2 of 3"));
        // none of page 2's rows is selected: the heading checkbox is neither checked nor indeterminate
        browser.waiting().until(driver -> headerState().equals(List.of(false, false)));
        // the new page opens at its first row
        browser.waiting().until(driver -> firstVisibleIndex(grid) == 0);

        // a click on page 2 would go past the cap: it is refused with the message, page 1's selection stays
        headerCheckbox().click();
        browser.waiting().until(ExpectedConditions.textMatches(By.cssSelector("vaadin-notification-card"),
                java.util.regex.Pattern.compile("At most 100 invoices can be selected at once.*")));
        assertThat(browser.driver().findElement(By.id("selection-status")).getText())
                .isEqualTo("100 of at most 100 selected");
        browser.waiting().until(driver -> headerState().equals(List.of(false, false)));
        dismissNotifications();

        browser.driver().findElement(By.id("pager-previous")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        browser.waiting().until(driver -> headerState().equals(List.of(true, false)));

        // one row less on page 1: indeterminate (Vaadin draws it as a box with a dash, checked and indeterminate)
        rowCheckboxes(grid).getFirst().click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "99 of at most 100 selected"));
        browser.waiting().until(driver -> headerState().equals(List.of(true, true)));

        // the last page (60 rows) selected in full, and one row of page 1
        browser.driver().findElement(By.id("remove-all-selections")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), ""));
        browser.waiting().until(driver -> headerState().equals(List.of(false, false)));
        rowCheckboxes(grid).getFirst().click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "1 of at most 100 selected"));
        goTo("pager-next", "Page 2 of 3");
        browser.waiting().until(driver -> headerState().equals(List.of(false, false)));
        goTo("pager-next", "Page 3 of 3");
        headerCheckbox().click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "61 of at most 100 selected"));
        browser.waiting().until(driver -> headerState().equals(List.of(true, false)));

        // a click on the checked heading checkbox deselects this page's rows only
        headerCheckbox().click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "1 of at most 100 selected"));
        browser.waiting().until(driver -> headerState().equals(List.of(false, false)));
        goTo("pager-previous", "Page 2 of 3");
        goTo("pager-previous", "Page 1 of 3");
        browser.waiting().until(driver -> headerState().equals(List.of(true, true)));
    }

    private void goTo(String button, String status) {
        browser.driver().findElement(By.id(button)).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), status));
    }

    @Test
    void pagerStaysInsideTheViewport() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        waitForRows(grid);
        // the viewports a browser leaves of 1280x720, 1440x900 and 1920x1080 screens
        for (var viewport : List.of(List.of(1280, 577), List.of(1440, 757), List.of(1920, 937))) {
            useViewport(viewport.get(0), viewport.get(1));
            browser.waiting().until(driver -> {
                var box = pagerBox();
                return box.get("bottom") <= viewport.get(1) && box.get("top") >= 0 && box.get("height") > 0;
            });
            assertThat(pagerBox().get("bottom")).as("pager bottom at %s", viewport).isLessThanOrEqualTo(viewport.get(1));
            assertThat(((Number) browser.js("return document.scrollingElement.scrollHeight")).intValue())
                    .as("page height at %s", viewport).isLessThanOrEqualTo(viewport.get(1));
            // the grid gets the room between the toolbar and the pager: at 1280x720 still a header and four rows
            assertThat(((Number) browser.js("return arguments[0].getBoundingClientRect().height", grid)).doubleValue())
                    .isGreaterThan(viewport.get(1) - 420.0);
        }
    }

    @Test
    void invoicesThatGotALinkLeaveTheSelection() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        waitForRows(grid);
        // from the last page: the other browser classes use page 1
        var sakura = demoOrganization("ST-");
        var lastPage = invoices.pageBefore(sakura, "", InvoiceSort.DEFAULT, java.util.Optional.empty(), 50);
        var eligible = lastPage.stream().filter(i -> Ineligibility.of(i).isEmpty()).limit(2).toList();
        var zero = lastPage.stream().filter(i -> Ineligibility.of(i).isPresent()
                && !i.billingAmount().isPositive()).findFirst().orElseThrow();
        assertThat(eligible).hasSize(2);

        for (var invoice : List.of(eligible.get(0), eligible.get(1), zero)) {
            filterBy(invoice.invoiceNumber());
            browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-total"), "1 invoice"));
            browser.waiting().until(driver -> browser.cellTexts(grid).contains(invoice.invoiceNumber()));
            rowCheckboxes(grid).getFirst().click();
        }
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "3 of at most 100 selected"));

        browser.driver().findElement(By.cssSelector("#bulk-action vaadin-menu-bar-button")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("create-payment-link"))).click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("create-payment-links-dialog")));
        assertThat(browser.driver().findElement(By.id("create-payment-links-dialog")).getText())
                .contains("2 card-only payment links will be created");
        browser.driver().findElement(By.id("create-payment-links")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("payment-links-result"), "2 payment links created."));
        assertThat(browser.driver().findElement(By.id("payment-links-heading")).getText())
                .isEqualTo("Payment link creation finished");
        browser.driver().findElement(By.id("close-payment-links-dialog")).click();

        // the two linked invoices left the selection; the one that could not get a link stays
        browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), "1 of at most 100 selected"));
        filterBy(zero.invoiceNumber());
        browser.waiting().until(driver -> browser.cellTexts(grid).contains(zero.invoiceNumber()));
        browser.waiting().until(driver -> headerState().equals(List.of(true, false)));
        filterBy(eligible.getFirst().invoiceNumber());
        browser.waiting().until(driver -> browser.cellTexts(grid).contains(eligible.getFirst().invoiceNumber()));
        browser.waiting().until(driver -> headerState().equals(List.of(false, false)));
    }

    /**
     * With the drawer open at 1280x720 and 1440x900 (the viewports a browser leaves of them), in English and Japanese,
     * with a page selected: the toolbar is one row, and nothing in it is cut or wrapped (the Online Payment filter's
     * "オンライン決済: すべて（260）" was cut at 1280 px and the selection count wrapped).
     */
    @Test
    void theToolbarFitsOnOneRowWithTheDrawerOpen() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        for (var language : List.of("en", "ja")) {
            if (language.equals("ja")) {
                browser.chooseLanguage("日本語");
                browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "3ページ中1ページ目"));
            }
            waitForRows(browser.grid());
            headerCheckbox().click();
            browser.waiting().until(driver -> !driver.findElement(By.id("selection-status")).getText().isEmpty());
            for (var viewport : List.of(List.of(1280, 577), List.of(1440, 757))) {
                useViewport(viewport.get(0), viewport.get(1));
                // the layout settles after the resize (the drawer's transition); then it must fit
                try {
                    new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                            .until(driver -> toolbarProblems().isEmpty());
                } catch (org.openqa.selenium.TimeoutException stillNotFitting) {
                    // the assertion below says what
                }
                assertThat(toolbarProblems()).as("toolbar, %s at %s", language, viewport).isEmpty();
            }
            headerCheckbox().click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("selection-status"), ""));
        }
        browser.chooseLanguage("English");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
    }

    /**
     * What does not fit in the Billing Invoices toolbar: the drawer not beside the content, an item on a row of its
     * own or past the edge, the filters' text or placeholder cut, a wrapped or cut status, a squeezed button.
     */
    @SuppressWarnings("unchecked")
    private List<String> toolbarProblems() {
        return (List<String>) browser.js("""
                const problems = [];
                const layout = document.querySelector('vaadin-app-layout');
                if (!layout.drawerOpened || layout.overlay) problems.push('drawer not open beside the content');
                const toolbar = document.querySelector('.invoices-toolbar');
                const edge = toolbar.getBoundingClientRect().right + 1;
                const items = Array.from(toolbar.children).filter(c => c.getBoundingClientRect().width > 0);
                const boxes = items.map(c => c.getBoundingClientRect());
                if (Math.max(...boxes.map(b => b.top)) >= Math.min(...boxes.map(b => b.bottom))) {
                  problems.push('two rows: ' + items.map((c, i) => c.id + '@' + Math.round(boxes[i].top)).join(' '));
                }
                items.forEach((c, i) => { if (boxes[i].right > edge) problems.push(c.id + ' past the edge'); });
                const font = e => { const s = getComputedStyle(e); return s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily; };
                const width = (text, e) => { const c = document.createElement('canvas').getContext('2d');
                  c.font = font(e); return c.measureText(text).width; };
                const input = document.querySelector('#invoice-filter input');
                const room = input.clientWidth - parseFloat(getComputedStyle(input).paddingLeft)
                    - parseFloat(getComputedStyle(input).paddingRight);
                const shown = input.value || input.placeholder;
                if (width(shown, input) > room + 1) problems.push('text filter cut: ' + shown);
                const select = document.querySelector('#online-payment-filter');
                const value = select.querySelector('vaadin-select-value-button vaadin-select-item');
                if (!value || value.scrollWidth > value.clientWidth + 1 || select.scrollWidth > select.clientWidth + 1) {
                  problems.push('online payment filter cut: ' + (value ? value.textContent.trim() : 'no value'));
                }
                // Lumo fades a field value's last 1.25em: on a value that ends at the edge it reads as cut
                const valueButton = select.querySelector('vaadin-select-value-button');
                if (getComputedStyle(valueButton).maskImage !== 'none') problems.push('online payment filter faded');
                const status = document.getElementById('selection-status');
                const lines = document.createRange(); lines.selectNodeContents(status);
                if (lines.getClientRects().length > 1 || status.scrollWidth > status.clientWidth + 1) {
                  problems.push('selection status wrapped or cut: ' + status.textContent);
                }
                const remove = document.getElementById('remove-all-selections');
                if (remove.scrollWidth > remove.clientWidth + 1) problems.push('Remove All Selections cut');
                const overflow = document.querySelector('#bulk-action [slot="overflow"]');
                if (overflow && !overflow.hidden) problems.push('Bulk Action squeezed into the overflow button');
                return problems;""");
    }

    @Test
    void aFilterWithoutMatchesSaysSoAndOffersToClearIt() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        waitForRows(grid);

        filterBy("no-such-buyer-xyz");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-total"), "0 invoices"));
        var empty = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invoices-empty-text")));
        assertThat(empty.getText()).isEqualTo("No invoices match \u201cno-such-buyer-xyz\u201d.");
        assertThat(((Number) browser.js("return arguments[0].size", grid)).intValue()).isZero();

        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("clear-invoice-filter"))).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.id("pager-status"), "Page 1 of 3"));
        waitForRows(grid);
        assertThat(browser.driver().findElement(By.cssSelector("#invoice-filter input")).getAttribute("value")).isEmpty();
        assertThat(browser.driver().findElement(By.id("invoices-empty-state")).isDisplayed()).isFalse();
    }

    @Test
    void cutTextsShowWholeInATooltipAndCheckPaymentFollowsTheStatus() {
        openBrowser();
        browser.signIn("sakura", "sakura-demo-pass");
        var grid = browser.grid();
        waitForRows(grid);
        // the first row's invoice number, buyer and billing amount cells (the tooltips are read from the row's own
        // data in the browser, not sent again per row)
        @SuppressWarnings("unchecked")
        var cells = (List<WebElement>) browser.js("""
                const number = Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'))
                    .filter(c => c.textContent.trim().startsWith('ST-') && c.assignedSlot)
                    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
                const row = Array.from(number.assignedSlot.closest('tr').querySelectorAll('slot'))
                    .map(slot => slot.assignedElements()[0]).filter(Boolean);
                const at = row.indexOf(number);
                return [row[at], row[at + 1], row[at + 4]];""", grid);
        for (var cell : cells) {
            var text = cell.getDomProperty("textContent").strip();
            assertThat(text).isNotEmpty();
            new org.openqa.selenium.interactions.Actions(browser.driver()).moveToElement(cell).perform();
            browser.waiting().until(driver -> text.equals(browser.js("""
                    const tooltip = arguments[0].querySelector(':scope > vaadin-tooltip');
                    return tooltip && tooltip.opened ? tooltip.textContent.trim() : null;""", grid)));
        }

        // Check Payment shows for Pending Payment and Paid rows only (the template derives it from the status)
        @SuppressWarnings("unchecked")
        var rows = (List<List<Object>>) browser.js("""
                return Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content .online-payment-cell'))
                    .filter(c => c.closest('vaadin-grid-cell-content').assignedSlot)
                    .map(c => [c.querySelector('span.online-payment').textContent.trim(),
                               c.querySelector('vaadin-button.check-payment').hidden]);""", grid);
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.get(1)).as(row.get(0).toString())
                .isEqualTo(!List.of("Pending Payment", "Paid").contains(row.get(0))));
    }

    private void dismissNotifications() {
        browser.js("document.querySelectorAll('vaadin-notification').forEach(n => n.opened = false)");
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("vaadin-notification-card"), 0));
    }

    private void waitForRows(WebElement grid) {
        browser.waiting().until(driver -> browser.cellTexts(grid).stream().anyMatch(t -> t.startsWith("ST-")));
    }

    private void filterBy(String text) {
        var input = browser.driver().findElement(By.cssSelector("#invoice-filter input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
    }

    private WebElement headerCheckbox() {
        return browser.driver().findElement(By.cssSelector(HEADER_CHECKBOX));
    }

    /** [checked, indeterminate] of the heading checkbox, as the merchant sees it. */
    @SuppressWarnings("unchecked")
    private List<Boolean> headerState() {
        return (List<Boolean>) browser.js("const c = document.querySelector(arguments[0]);"
                + "return [c.checked === true, c.indeterminate === true];", HEADER_CHECKBOX);
    }

    @SuppressWarnings("unchecked")
    private List<WebElement> rowCheckboxes(WebElement grid) {
        return (List<WebElement>) browser.js("return Array.from(arguments[0].querySelectorAll("
                + "'vaadin-grid-cell-content > vaadin-checkbox:not(.vaadin-grid-select-all-checkbox)'))"
                + ".filter(c => c.getBoundingClientRect().height > 0 && c.offsetParent !== null)"
                + ".sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)"
                + ".filter(c => c.getBoundingClientRect().top > arguments[0].getBoundingClientRect().top + 40)", grid);
    }

    private int firstVisibleIndex(WebElement grid) {
        return ((Number) browser.js("return arguments[0]._firstVisibleIndex", grid)).intValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> pagerBox() {
        var box = (Map<String, Object>) browser.js("const r = document.querySelector('.pager').getBoundingClientRect();"
                + "return {top: r.top, bottom: r.bottom, height: r.height};");
        return Map.of("top", ((Number) box.get("top")).doubleValue(), "bottom", ((Number) box.get("bottom")).doubleValue(),
                "height", ((Number) box.get("height")).doubleValue());
    }

    private void useViewport(int width, int height) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
}
