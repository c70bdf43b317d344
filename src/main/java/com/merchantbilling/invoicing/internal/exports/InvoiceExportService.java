package com.merchantbilling.invoicing.internal.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceExports;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.internal.csv.CsvWriter;
import com.merchantbilling.invoicing.internal.queries.BillingInvoiceQueries;
import com.merchantbilling.organizations.OrganizationId;

@Service
class InvoiceExportService implements InvoiceExports {

    /** Rows fetched per round trip: PostgreSQL streams with a cursor inside a transaction, so memory stays flat. */
    static final int FETCH_SIZE = 1_000;

    private final JdbcTemplate jdbc;

    InvoiceExportService(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
    }

    @Override
    @Transactional(readOnly = true)
    public long export(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment, InvoiceSort sort,
            OutputStream out) throws IOException {
        var order = sort == null ? InvoiceSort.DEFAULT : sort;
        var pattern = BillingInvoiceQueries.likePattern(filter);
        var direction = order.descending() ? " desc" : " asc";
        var sql = "select " + BillingInvoiceQueries.COLUMNS + ", buyer_email from invoices where organization_id = ?"
                + BillingInvoiceQueries.filterCondition(pattern).replace(":pattern", "?")
                + BillingInvoiceQueries.onlinePaymentCondition(onlinePayment == null ? OnlinePaymentFilter.ALL : onlinePayment)
                + " order by " + BillingInvoiceQueries.column(order.field()) + direction + ", id" + direction;
        var args = new ArrayList<Object>();
        args.add(organization.value());
        pattern.ifPresent(p -> {
            args.add(p);
            args.add(p);
        });
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        var csv = new CsvWriter(writer);
        writer.write('\uFEFF');
        csv.row(COLUMNS);
        var count = new AtomicLong();
        try {
            jdbc.query(sql, rs -> {
                var invoice = BillingInvoiceQueries.toRow(rs, 0);
                try {
                    csv.row(java.util.Arrays.asList(invoice.invoiceNumber(), invoice.buyerName(),
                            rs.getString("buyer_email"), invoice.issueDate().toString(), invoice.dueDate().toString(),
                            invoice.billingAmount().currency().getCurrencyCode(),
                            invoice.billingAmount().toMajorUnits().toPlainString(), invoice.onlinePayment().label(),
                            invoice.paymentLinkUrl().orElse(""),
                            invoice.paid().map(paid -> DateTimeFormatter.ISO_INSTANT.format(paid.paidAt())).orElse(""),
                            flags(invoice)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count.incrementAndGet();
            }, args.toArray());
        } catch (UncheckedIOException e) {
            // the download was cancelled or the connection dropped: stop reading rows
            throw e.getCause();
        }
        writer.flush();
        return count.get();
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
