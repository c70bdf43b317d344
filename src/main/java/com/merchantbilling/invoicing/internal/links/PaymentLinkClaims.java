package com.merchantbilling.invoicing.internal.links;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Claims invoices for a payment link in one statement. The rows are locked in id order (no deadlock
 * between overlapping selections) and the eligibility conditions are evaluated again on the locked row,
 * so a concurrent request that claimed an invoice first leaves nothing for the second.
 */
@Repository
class PaymentLinkClaims {

    private final JdbcClient jdbc;

    PaymentLinkClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PaymentLinkRequested> claim(OrganizationId organization, Collection<InvoiceId> invoices, String requestedBy,
            Instant now) {
        if (invoices.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with claimable as (
                            select id from invoices
                            where organization_id = :org and id in (:ids)
                              and billing_amount > 0
                              and online_payment_status in ('NOT_CREATED', 'LINK_FAILED')
                              and payment_link_id is null
                            order by id
                            for update)
                        update invoices i
                           set online_payment_status = 'LINK_REQUESTED',
                               payment_link_requested_at = :now,
                               payment_link_requested_by = :requestedBy,
                               payment_link_attempt = i.payment_link_attempt + 1,
                               payment_link_failure = null,
                               version = i.version + 1
                          from claimable
                         where i.id = claimable.id
                        returning i.id, i.invoice_number, i.buyer_name, i.billing_amount, i.currency,
                                  i.payment_link_attempt""")
                .param("org", organization.value())
                .param("ids", invoices.stream().map(InvoiceId::value).distinct().toList())
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("requestedBy", requestedBy)
                .query((rs, row) -> new PaymentLinkRequested(
                        new InvoiceId(rs.getLong("id")), organization, rs.getString("invoice_number"),
                        rs.getString("buyer_name"), Money.of(rs.getLong("billing_amount"), rs.getString("currency")),
                        rs.getInt("payment_link_attempt"), requestedBy, now))
                .list();
    }
}
