package com.merchantbilling.invoicing.internal.imports;

import java.sql.Array;
import java.sql.Date;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.InvoiceImports.ImportedInvoice;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Stores checked rows in bulk with one statement per chunk, apart from the row checks; a number taken meanwhile is
 * left out by the database's unique constraint, not by a prior read.
 */
@Component
class ImportedInvoiceInserts {

    private final JdbcTemplate jdbc;

    ImportedInvoiceInserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement per chunk: the arrays are unnested into rows, taken numbers are left out. */
    List<String> insert(OrganizationId organization, List<ImportedInvoice> chunk, OffsetDateTime now) {
        return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) connection -> {
            int n = chunk.size();
            var numbers = new String[n];
            var buyers = new String[n];
            var emails = new String[n];
            var issued = new Date[n];
            var due = new Date[n];
            var amounts = new Long[n];
            var currencies = new String[n];
            for (int i = 0; i < n; i++) {
                var invoice = chunk.get(i).invoice();
                numbers[i] = invoice.invoiceNumber();
                buyers[i] = invoice.buyerName();
                emails[i] = invoice.buyerEmail();
                issued[i] = Date.valueOf(invoice.issueDate());
                due[i] = Date.valueOf(invoice.dueDate());
                amounts[i] = invoice.billingAmount().minorUnits();
                currencies[i] = invoice.billingAmount().currency().getCurrencyCode();
            }
            try (var statement = connection.prepareStatement("""
                    insert into invoices (organization_id, invoice_number, buyer_name, buyer_email, issue_date, due_date,
                                          billing_amount, currency, created_at)
                    select ?, r.* , ? from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::date[],
                                                  ?::bigint[], ?::char(3)[]) as r
                    on conflict on constraint invoices_number_unique_per_organization do nothing
                    returning invoice_number""")) {
                statement.setLong(1, organization.value());
                statement.setObject(2, now);
                Array[] arrays = {connection.createArrayOf("varchar", numbers), connection.createArrayOf("varchar", buyers),
                        connection.createArrayOf("varchar", emails), connection.createArrayOf("date", issued),
                        connection.createArrayOf("date", due), connection.createArrayOf("bigint", amounts),
                        connection.createArrayOf("varchar", currencies)};
                for (int i = 0; i < arrays.length; i++) {
                    statement.setArray(i + 3, arrays[i]);
                }
                var inserted = new ArrayList<String>(n);
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        inserted.add(result.getString(1));
                    }
                }
                return inserted;
            }
        });
    }

    /** The numbers among {@code numbers} the organization already uses. */
    Set<String> taken(OrganizationId organization, List<String> numbers) {
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<List<String>>) connection -> {
            try (var statement = connection.prepareStatement(
                    "select invoice_number from invoices where organization_id = ? and invoice_number = any(?)")) {
                statement.setLong(1, organization.value());
                statement.setArray(2, connection.createArrayOf("varchar", numbers.toArray()));
                var found = new ArrayList<String>();
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        found.add(result.getString(1));
                    }
                }
                return found;
            }
        }));
    }
}
