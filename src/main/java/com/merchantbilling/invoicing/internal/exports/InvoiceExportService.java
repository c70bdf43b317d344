package com.merchantbilling.invoicing.internal.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.merchantbilling.invoicing.InvoiceExports;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.internal.csv.CsvWriter;
import com.merchantbilling.invoicing.internal.queries.BillingInvoiceQueries;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Writes the list in keyset chunks: each chunk is one statement on a connection of its own (auto-commit, no
 * transaction around the export), read completely and handed back to the pool before a byte of it is written
 * to the client. A slow download therefore holds no connection while the client reads; a pool of five serves
 * twenty stalled downloads, webhooks and the grid (SlowExportsIntegrationTests).
 *
 * <p>What a chunked export guarantees while invoices change: it is not one snapshot, each chunk is read at its
 * own moment. The rows come in the sort order, each invoice at most once, and every invoice that matches the
 * filter during the whole export is in it once. The sort keys (number, buyer, dates, amount) do not change
 * after issue, so the keyset never skips or repeats a row; an invoice whose online payment changes
 * mid-export shows its state as of its chunk, and is left out if by then it no longer matches an Online
 * Payment filter (or in, if it newly matches and sorts after the chunks already written). An invoice issued
 * during the export is in it when it sorts after the chunk being read. A file that must agree with one
 * moment is an export of a list that does not change meanwhile (e.g. Paid, sorted by number).
 */
@Service
class InvoiceExportService implements InvoiceExports {

    /**
     * Rows per chunk (one statement each): large enough that a million-row export costs a thousand short
     * index seeks, small enough to keep a chunk in memory (about 300 KB) and the connection for milliseconds.
     */
    static final int CHUNK_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final BillingInvoiceQueries queries;

    InvoiceExportService(JdbcClient jdbc, BillingInvoiceQueries queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    @Override
    // role: billing manager
    public long export(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort,
            OutputStream out) throws IOException {
        var order = sort == null ? InvoiceSort.DEFAULT : sort;
        var payment = onlinePayment == null ? OnlinePaymentFilter.ALL : onlinePayment;
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        var csv = new CsvWriter(writer);
        writer.write('\uFEFF');
        csv.row(COLUMNS);
        long count = 0;
        Optional<Row> last = Optional.empty();
        while (true) {
            // no connection is held from here on: the chunk is in memory
            var chunk = chunk(organization.value(), filter, payment, order, last);
            for (var row : chunk) {
                csv.row(row.cells());
            }
            count += chunk.size();
            if (chunk.size() < CHUNK_SIZE) {
                break;
            }
            last = Optional.of(chunk.getLast());
        }
        writer.flush();
        return count;
    }

    /**
     * The next rows after {@code after} in the sort order, with the (sort column, id) tie-breaker the grid uses.
     * Left to the planner: a rare text filter is found by its indexes and sorted, a common one walks the sort
     * index from the boundary and stops after a chunk. It can tell the two apart because the matching buyer names
     * are looked up first, per chunk (a name that appears mid-export is in the next chunk), and passed as values.
     */
    private List<Row> chunk(long organizationId, String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort,
            Optional<Row> after) {
        var pattern = BillingInvoiceQueries.likePattern(filter);
        var direction = sort.descending() ? " desc" : " asc";
        var column = BillingInvoiceQueries.column(sort.field());
        var seek = after.isPresent() ? " and (" + column + ", id) " + (sort.descending() ? "<" : ">") + " (:value, :id)"
                : "";
        var names = pattern.map(text -> queries.matchingBuyerNames(organizationId, text)).orElse(List.of());
        return jdbc.sql("select " + BillingInvoiceQueries.COLUMNS + ", buyer_email, " + column + " as sort_value"
                        + " from invoices where organization_id = :org"
                        + BillingInvoiceQueries.filterConditionOnNames(pattern)
                        + BillingInvoiceQueries.onlinePaymentCondition(onlinePayment) + seek
                        + " order by " + column + direction + ", id" + direction + " limit :limit")
                .param("org", organizationId)
                .param("pattern", pattern.orElse(null))
                // a text[] parameter (pgjdbc binds a String[] as one array), not a list expanded into placeholders
                .param("names", names.toArray(String[]::new))
                .param("value", after.map(Row::sortValue).orElse(null))
                .param("id", after.map(Row::id).orElse(null))
                .param("limit", CHUNK_SIZE)
                .query((rs, n) -> {
                    var invoice = BillingInvoiceQueries.toRow(rs, n);
                    return new Row(invoice.id().value(), rs.getObject("sort_value"), Arrays.asList(
                            invoice.invoiceNumber(), invoice.buyerName(), rs.getString("buyer_email"),
                            invoice.issueDate().toString(), invoice.dueDate().toString(),
                            invoice.billingAmount().currency().getCurrencyCode(),
                            invoice.billingAmount().toMajorUnits().toPlainString(), invoice.onlinePayment().label(),
                            invoice.paymentLinkUrl().orElse(""),
                            invoice.paid().map(paid -> DateTimeFormatter.ISO_INSTANT.format(paid.paidAt())).orElse(""),
                            flags(invoice)));
                })
                .list();
    }

    /** One CSV line, and where the next chunk starts when it is a chunk's last. */
    private record Row(long id, Object sortValue, List<String> cells) {
    }

    /**
     * Stable lower-case codes, space separated, for spreadsheets and scripts ("refunded disputed"); a differing
     * payment names its amount, which no other column shows.
     */
    static String flags(com.merchantbilling.invoicing.BillingInvoice invoice) {
        var codes = new java.util.ArrayList<String>();
        for (var flag : invoice.flags()) {
            codes.add(flag == com.merchantbilling.invoicing.PaymentFlag.PAYMENT_DIFFERS && invoice.differingPayment().isPresent()
                    ? "payment_differs:" + invoice.differingPayment().get().currency().getCurrencyCode() + "_"
                            + invoice.differingPayment().get().toMajorUnits().toPlainString()
                    : flag.name().toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(" ", codes);
    }
}
