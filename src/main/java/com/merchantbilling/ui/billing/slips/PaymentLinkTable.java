package com.merchantbilling.ui.billing.slips;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.merchantbilling.invoicing.BillingInvoice;

/**
 * Payment links as tab-separated text with a header row: what a spreadsheet or a mail merge takes from the
 * clipboard, one row per invoice. Spreadsheets split pasted text at every tab and line break, and their quoting of
 * such characters differs from one to another, so a buyer name's tabs and line breaks become single spaces: a
 * row always stays one row of five cells.
 */
public final class PaymentLinkTable {

    /** Tabs, line breaks (CR, LF, the Unicode line and paragraph separators, NEL) and other control characters. */
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");

    /** Column titles in the UI's language: invoice number, buyer, amount, due date, payment link URL. */
    public record Header(String invoiceNumber, String buyer, String amount, String dueDate, String url) {
    }

    private PaymentLinkTable() {
    }

    /**
     * The header row and one row per invoice that has a link, in the given order (invoices without one are the
     * caller's to name). Amounts as the grid shows them ("USD 1,500.00"); due dates as ISO dates, which every
     * spreadsheet reads as a date whatever its locale.
     */
    public static String tsv(Header header, List<BillingInvoice> invoices, Locale formatting) {
        var head = Stream.of(header.invoiceNumber(), header.buyer(), header.amount(), header.dueDate(), header.url());
        var rows = invoices.stream().filter(invoice -> invoice.paymentLinkUrl().isPresent())
                .map(invoice -> row(Stream.of(invoice.invoiceNumber(), invoice.buyerName(),
                        invoice.billingAmount().format(formatting), DateTimeFormatter.ISO_LOCAL_DATE.format(invoice.dueDate()),
                        invoice.paymentLinkUrl().orElseThrow())));
        return Stream.concat(Stream.of(row(head)), rows).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String row(Stream<String> cells) {
        return cells.map(PaymentLinkTable::cell).collect(Collectors.joining("\t"));
    }

    static String cell(String text) {
        return BREAKS.matcher(text).replaceAll(" ").strip();
    }
}
