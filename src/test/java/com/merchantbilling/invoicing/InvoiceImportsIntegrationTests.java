package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.InvoiceImports.ImportPreview;
import com.merchantbilling.invoicing.InvoiceImports.ImportProblem;
import com.merchantbilling.invoicing.InvoiceImports.ImportRowError;
import com.merchantbilling.invoicing.InvoiceImports.ImportedInvoice;
import com.merchantbilling.invoicing.InvoiceImports.InvoiceImportException;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.Tenants;

/** CSV import: the documented sample, every kind of bad row, bad files, and 10,000 rows at once. */
@SpringBootTest
@Import(Tenants.class)
class InvoiceImportsIntegrationTests {

    @Autowired
    Tenants tenants;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    InvoiceImports imports;

    OrganizationId sakura;

    @BeforeEach
    void organization() {
        sakura = tenants.organization("Importer");
    }

    @Test
    void theSampleFileFromTheReadmeImportsCompletely() throws Exception {
        ImportPreview preview;
        try (var sample = Files.newInputStream(Path.of("samples/invoices-sample.csv"))) {
            preview = imports.preview(sakura, sample);
        }
        assertThat(preview.errors()).isEmpty();
        assertThat(preview.rows()).isEqualTo(5);
        assertThat(invoices.count(sakura, "")).isZero();

        var result = imports.importInvoices(sakura, preview);

        assertThat(result.imported()).isEqualTo(5);
        assertThat(result.skipped()).isEmpty();
        var byNumber = invoices.page(sakura, "IMP-", InvoiceSort.DEFAULT, 0, 10).stream()
                .collect(Collectors.toMap(BillingInvoice::invoiceNumber, invoice -> invoice));
        assertThat(byNumber.get("IMP-2026-0001").billingAmount()).isEqualTo(Money.of(15000, "JPY"));
        assertThat(byNumber.get("IMP-2026-0002").billingAmount()).isEqualTo(Money.of(123450, "USD"));
        assertThat(byNumber.get("IMP-2026-0002").buyerName()).isEqualTo("Hikari Foods, Ltd.");
        assertThat(byNumber.get("IMP-2026-0003").buyerName()).isEqualTo("The \"Blue\" Bakery");
        assertThat(byNumber.get("IMP-2026-0004").billingAmount()).isEqualTo(Money.of(-3000, "JPY"));
        assertThat(byNumber.get("IMP-2026-0005").billingAmount()).isEqualTo(Money.of(50, "GBP"));
        assertThat(byNumber.get("IMP-2026-0005").onlinePayment()).isEqualTo(OnlinePaymentStatus.NOT_CREATED);
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndTheGoodRowsAreStored() {
        tenants.invoices(sakura, "OLD", 1, "JPY");
        var csv = InvoiceImports.HEADER + "\n"
                + "OK-1,Buyer,b@example.com,2026-04-01,2026-04-30,JPY,1000\n"        // 2
                + "OK-2,Buyer,b@example.com,2026-04-01,2026-04-30\n"                  // 3 columns
                + "OK-3,,b@example.com,2026-04-01,2026-04-30,JPY,1000\n"              // 4 missing buyer
                + "=HYPERLINK(1),Buyer,,2026-04-01,2026-04-30,JPY,1000\n"             // 5 number format
                + "OK-5,Buyer,not-an-email,2026-04-01,2026-04-30,JPY,1000\n"          // 6 email
                + "OK-6,Buyer,,2026/04/01,2026-04-30,JPY,1000\n"                      // 7 date
                + "OK-7,Buyer,,2026-04-30,2026-04-01,JPY,1000\n"                      // 8 due before issue
                + "OK-8,Buyer,,2026-04-01,2026-04-30,XYZ,1000\n"                      // 9 currency
                + "OK-9,Buyer,,2026-04-01,2026-04-30,JPY,1000.5\n"                    // 10 decimals
                + "OK-10,Buyer,,2026-04-01,2026-04-30,USD,12.345\n"                   // 11 decimals
                + "OK-11,Buyer,,2026-04-01,2026-04-30,USD,1\u00a0000\n"               // 12 not a number
                + "OK-1,Buyer,,2026-04-01,2026-04-30,JPY,1000\n"                      // 13 duplicate in file
                + "OLD-0001,Buyer,,2026-04-01,2026-04-30,JPY,1000\n"                  // 14 taken
                + "\"OK-12\",\"Buyer, with comma\nand a line break\",,2026-04-01,2026-04-30,usd,12.3\n"; // 15 ok

        var preview = imports.preview(sakura, stream(csv));

        Map<Integer, ImportProblem> problems = preview.errors().stream()
                .collect(Collectors.toMap(ImportRowError::line, ImportRowError::problem));
        assertThat(problems).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(3, ImportProblem.WRONG_COLUMN_COUNT),
                Map.entry(4, ImportProblem.MISSING_VALUE),
                Map.entry(5, ImportProblem.INVALID_INVOICE_NUMBER),
                Map.entry(6, ImportProblem.INVALID_EMAIL),
                Map.entry(7, ImportProblem.INVALID_DATE),
                Map.entry(8, ImportProblem.DUE_BEFORE_ISSUE),
                Map.entry(9, ImportProblem.UNSUPPORTED_CURRENCY),
                Map.entry(10, ImportProblem.INVALID_AMOUNT),
                Map.entry(11, ImportProblem.INVALID_AMOUNT),
                Map.entry(12, ImportProblem.INVALID_AMOUNT),
                Map.entry(13, ImportProblem.DUPLICATE_IN_FILE),
                Map.entry(14, ImportProblem.NUMBER_TAKEN)));
        assertThat(preview.errors()).filteredOn(e -> e.line() == 10).singleElement()
                .extracting(ImportRowError::message).isEqualTo("JPY amounts have no decimals");
        assertThat(preview.errors()).filteredOn(e -> e.line() == 13).singleElement()
                .extracting(ImportRowError::message).isEqualTo("Invoice number OK-1 is also on line 2");
        assertThat(preview.valid()).extracting(ImportedInvoice::line).containsExactly(2, 15);
        assertThat(invoices.count(sakura, "")).isEqualTo(1);

        var result = imports.importInvoices(sakura, preview);

        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.skipped()).hasSize(12);
        var multiLine = invoices.page(sakura, "OK-12", InvoiceSort.DEFAULT, 0, 1).getFirst();
        assertThat(multiLine.buyerName()).isEqualTo("Buyer, with comma\nand a line break");
        assertThat(multiLine.billingAmount()).isEqualTo(Money.of(1230, "USD"));
    }

    @Test
    void aNumberTakenBetweenPreviewAndImportIsSkippedAndTheRestStored() {
        var preview = imports.preview(sakura, stream(InvoiceImports.HEADER + "\n"
                + "R-1,Buyer,,2026-04-01,2026-04-30,JPY,1000\nR-2,Buyer,,2026-04-01,2026-04-30,JPY,2000\n"));
        tenants.invoices(sakura, "R", 1, "JPY"); // R-0001, not R-1
        invoices.issue(sakura, new NewInvoice("R-2", "Someone else", null, java.time.LocalDate.of(2026, 4, 1),
                java.time.LocalDate.of(2026, 4, 2), Money.of(5, "JPY")));

        var result = imports.importInvoices(sakura, preview);

        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.line()).isEqualTo(3);
            assertThat(skipped.problem()).isEqualTo(ImportProblem.NUMBER_TAKEN);
        });
        assertThat(invoices.page(sakura, "R-2", InvoiceSort.DEFAULT, 0, 5)).singleElement()
                .extracting(BillingInvoice::buyerName).isEqualTo("Someone else");
    }

    @Test
    void unusableFilesAreRefusedAsAWhole() {
        assertThatThrownBy(() -> imports.preview(sakura, stream("number,buyer\nA,B\n")))
                .isInstanceOfSatisfying(InvoiceImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvoiceImportException.Reason.BAD_HEADER))
                .hasMessageContaining(InvoiceImports.HEADER);
        assertThatThrownBy(() -> imports.preview(sakura, stream("")))
                .isInstanceOfSatisfying(InvoiceImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvoiceImportException.Reason.EMPTY));
        assertThatThrownBy(() -> imports.preview(sakura, new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, '\n'})))
                .isInstanceOfSatisfying(InvoiceImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvoiceImportException.Reason.NOT_READABLE));
        assertThatThrownBy(() -> imports.preview(sakura, oversized()))
                .isInstanceOfSatisfying(InvoiceImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvoiceImportException.Reason.TOO_LARGE))
                .hasMessage("The file is larger than 10 MB");
        assertThat(invoices.count(sakura, "")).isZero();
    }

    @Test
    void tenThousandRowsImportInOneGo() {
        var csv = new StringBuilder(InvoiceImports.HEADER).append('\n');
        for (int i = 1; i <= 10_000; i++) {
            csv.append("BULK-%05d,Buyer %d,buyer%d@example.com,2026-04-01,2026-05-01,%s,%d.%02d\n"
                    .formatted(i, i % 97, i, i % 2 == 0 ? "USD" : "EUR", i, i % 100));
        }
        long start = System.nanoTime();
        var preview = imports.preview(sakura, stream(csv.toString()));
        long previewed = System.nanoTime();
        var result = imports.importInvoices(sakura, preview);
        long imported = System.nanoTime();

        assertThat(preview.errors()).isEmpty();
        assertThat(result.imported()).isEqualTo(10_000);
        assertThat(invoices.count(sakura, "")).isEqualTo(10_000);
        assertThat(invoices.page(sakura, "BULK-00042", InvoiceSort.DEFAULT, 0, 1).getFirst().billingAmount())
                .isEqualTo(Money.of(4242, "USD"));
        System.out.printf("10,000-row CSV import: preview %d ms, import %d ms (%d KB)%n",
                (previewed - start) / 1_000_000, (imported - previewed) / 1_000_000, csv.length() / 1024);
    }

    static InputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A valid header followed by endless rows: the limit must stop reading, not memory. */
    static InputStream oversized() {
        var header = (InvoiceImports.HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        var row = ("X-1," + "Buyer".repeat(40) + ",,2026-04-01,2026-04-30,JPY,1000\n").getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long position;

            @Override
            public int read() {
                long p = position++;
                if (p < header.length) {
                    return header[(int) p];
                }
                return row[(int) ((p - header.length) % row.length)];
            }
        };
    }
}
