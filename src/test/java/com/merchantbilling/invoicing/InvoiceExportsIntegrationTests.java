package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.merchantbilling.invoicing.internal.csv.CsvReader;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.support.Tenants;

/** The export writes the filtered, sorted list with its online payment, as CSV that reads back exactly. */
@SpringBootTest
@Import(Tenants.class)
class InvoiceExportsIntegrationTests {

    @Autowired
    Tenants tenants;
    @Autowired
    BillingInvoices invoices;
    @Autowired
    InvoiceExports exports;
    @Autowired
    PaymentLinkRequests linkRequests;
    @Autowired
    OnlinePayments onlinePayments;
    @Autowired
    InvoiceImports imports;

    OrganizationId sakura;

    @BeforeEach
    void organization() {
        sakura = tenants.organization("Exporter");
    }

    @Test
    void exportsTheFilteredListInTheGridsOrderWithLinksAndSafeCells() throws Exception {
        tenants.invoices(sakura, "E", 250, "JPY");
        var tricky = invoices.issue(sakura, new NewInvoice("X-1", "=HYPERLINK(\"http://evil\"),\"Quoted\"\nsecond line",
                "a@example.com", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), Money.of(-1250, "USD")));
        var linked = invoices.page(sakura, "E-0007", InvoiceSort.DEFAULT, 0, 1).getFirst().id();
        linkRequests.request(sakura, List.of(linked), "aiko");
        onlinePayments.recordPaymentLink(linked, 1, "plink_export_" + linked, "https://buy.stripe.com/test_export");
        var other = tenants.organization("Other");
        tenants.invoices(other, "E", 3, "JPY");

        var all = export("", new InvoiceSort(InvoiceSort.Field.INVOICE_NUMBER, false));

        assertThat(all.getFirst()).isEqualTo(InvoiceExports.COLUMNS);
        assertThat(all).hasSize(1 + 251);
        assertThat(all.get(1).getFirst()).isEqualTo("E-0001");
        assertThat(all.get(250).getFirst()).isEqualTo("E-0250");
        var x1 = all.get(251);
        assertThat(x1.get(0)).isEqualTo("X-1");
        assertThat(x1.get(1)).isEqualTo("'=HYPERLINK(\"http://evil\"),\"Quoted\"\nsecond line");
        assertThat(x1.get(5)).isEqualTo("USD");
        assertThat(x1.get(6)).isEqualTo("-12.50");
        assertThat(x1.get(7)).isEqualTo("Not Created");
        var e7 = all.stream().filter(row -> row.getFirst().equals("E-0007")).findFirst().orElseThrow();
        assertThat(e7.subList(5, 9)).containsExactly("JPY", "7000", "Pending Payment", "https://buy.stripe.com/test_export");
        assertThat(tricky).isNotNull();

        var filtered = export("E-02", new InvoiceSort(InvoiceSort.Field.BILLING_AMOUNT, true));
        assertThat(filtered).hasSize(1 + 51);
        assertThat(filtered.get(1).get(6)).isEqualTo("250000");
        assertThat(filtered.get(51).get(6)).isEqualTo("200000");

        // a buyer's text: the matching names are passed to each chunk as one text[] parameter
        var byBuyer = export("hyperlink", InvoiceSort.DEFAULT);
        assertThat(byBuyer).hasSize(1 + 1);
        assertThat(byBuyer.get(1).getFirst()).isEqualTo("X-1");
    }

    @Test
    void anExportedFileImportsAgain() throws Exception {
        tenants.invoices(sakura, "RT", 3, "USD");
        var out = new ByteArrayOutputStream();
        exports.export(sakura, "", InvoiceSort.DEFAULT, out);
        var target = tenants.organization("Target");
        // the extra columns are not part of the import format: keep the import's seven
        var lines = parse(out.toString(StandardCharsets.UTF_8));
        var csv = new StringBuilder();
        for (var row : lines) {
            csv.append(String.join(",", row.subList(0, 7))).append('\n');
        }

        var preview = imports.preview(target, new java.io.ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(preview.errors()).isEmpty();
        assertThat(preview.valid()).hasSize(3);
        assertThat(preview.valid()).extracting(row -> row.invoice().billingAmount())
                .containsExactlyInAnyOrder(Money.of(1000, "USD"), Money.of(2000, "USD"), Money.of(3000, "USD"));
    }

    private List<List<String>> export(String filter, InvoiceSort sort) throws Exception {
        var out = new ByteArrayOutputStream();
        long written = exports.export(sakura, filter, sort, out);
        var bytes = out.toByteArray();
        assertThat(new String(bytes, 0, 3, StandardCharsets.UTF_8)).isEqualTo("\uFEFF");
        var rows = parse(out.toString(StandardCharsets.UTF_8).substring(1));
        assertThat(written).isEqualTo(rows.size() - 1);
        return rows;
    }

    private static List<List<String>> parse(String csv) throws Exception {
        var reader = new CsvReader(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv));
        var rows = new ArrayList<List<String>>();
        for (var record = reader.next(); record != null; record = reader.next()) {
            rows.add(record.fields());
        }
        return rows;
    }
}
