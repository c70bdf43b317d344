package com.merchantbilling.invoicing.internal.queries;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.invoicing.Money;

/** The invoice_line_items rows; read through the invoice, so always within its organization. */
@Repository
class InvoiceLineItems {

    private final JdbcClient jdbc;

    InvoiceLineItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long invoiceId, List<InvoiceLineItem> lines) {
        int number = 1;
        for (var line : lines) {
            jdbc.sql("""
                            insert into invoice_line_items (invoice_id, line_number, description, quantity, unit_price, amount)
                            values (:invoice, :line, :description, :quantity, :unitPrice, :amount)""")
                    .param("invoice", invoiceId)
                    .param("line", number++)
                    .param("description", line.description())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice().minorUnits())
                    .param("amount", line.amount().minorUnits())
                    .update();
        }
    }

    List<InvoiceLineItem> find(long organizationId, long invoiceId) {
        return jdbc.sql("""
                        select l.description, l.quantity, l.unit_price, i.currency
                          from invoice_line_items l join invoices i on i.id = l.invoice_id
                         where i.organization_id = :org and l.invoice_id = :invoice
                         order by l.line_number""")
                .param("org", organizationId)
                .param("invoice", invoiceId)
                .query((rs, row) -> new InvoiceLineItem(rs.getString("description"), rs.getLong("quantity"),
                        Money.of(rs.getLong("unit_price"), rs.getString("currency"))))
                .list();
    }
}
