package com.merchantbilling.sharing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.DeliveryStatus;
import com.merchantbilling.sharing.FollowUps;
import com.merchantbilling.sharing.MessageKind;

/**
 * The deliveries (one row per invoice, kind and run or reminder step) and their attempts: the claim that makes a
 * send happen once in the cluster, and the send log the follow-up reads. Every query names the organization.
 */
@Component
class DeliveryLog implements FollowUps {

    /** An automatic reminder's step: one per invoice, whatever the organization's N days. */
    static final String FIRST_AUTOMATIC_REMINDER = "auto-1";

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Delivery(long id, InvoiceId invoice, String recipient, BuyerLanguage language, String linkUrl,
            DeliveryStatus status, Optional<String> detail) {
    }

    record Claim(long id, boolean claimed, Delivery existing) {
    }

    /**
     * Claims the send: a new row (SENDING) for this invoice, kind and run, or a row the mail server could not
     * take before (UNAVAILABLE, back to SENDING). Both are single statements, so of two nodes or two clicks
     * exactly one gets the claim; the other gets the row as it stands.
     */
    @Transactional
    Claim claim(OrganizationId organization, InvoiceId invoice, MessageKind kind, String runKey, String recipient,
            BuyerLanguage language, String linkUrl, String requestedBy) {
        var inserted = jdbc.sql("""
                insert into sharing_deliveries (organization_id, invoice_id, kind, run_key, recipient, language,
                    link_url, status, requested_by)
                values (:organization, :invoice, :kind, :runKey, :recipient, :language, :url, 'SENDING', :by)
                on conflict (invoice_id, kind, run_key) do nothing
                returning id""")
                .param("organization", organization.value()).param("invoice", invoice.value())
                .param("kind", kind.name()).param("runKey", runKey).param("recipient", recipient)
                .param("language", language.code()).param("url", linkUrl).param("by", requestedBy)
                .query(Long.class).optional();
        if (inserted.isPresent()) {
            return new Claim(inserted.get(), true, null);
        }
        // a retry goes to the address and in the language asked for now (the merchant may have fixed them)
        var retried = jdbc.sql("""
                update sharing_deliveries set status = 'SENDING', attempts = attempts + 1, updated_at = now(),
                    recipient = :recipient, language = :language, link_url = :url
                where organization_id = :organization and invoice_id = :invoice and kind = :kind
                  and run_key = :runKey and status = 'UNAVAILABLE'
                returning id""")
                .param("organization", organization.value()).param("invoice", invoice.value())
                .param("kind", kind.name()).param("runKey", runKey).param("recipient", recipient)
                .param("language", language.code()).param("url", linkUrl)
                .query(Long.class).optional();
        if (retried.isPresent()) {
            return new Claim(retried.get(), true, null);
        }
        var existing = find(organization, invoice, kind, runKey).orElseThrow();
        return new Claim(existing.id(), false, existing);
    }

    /** The claimed send's outcome, on the row and as an attempt of the send log. */
    @Transactional
    void finish(long delivery, DeliveryStatus status, Optional<String> detail, String attemptedBy) {
        jdbc.sql("""
                update sharing_deliveries set status = :status, detail = :detail, updated_at = now(),
                    sent_at = case when :status = 'SENT' then now() else sent_at end
                where id = :id and status = 'SENDING'""")
                .param("status", status.name()).param("detail", detail.orElse(null)).param("id", delivery).update();
        jdbc.sql("""
                insert into sharing_delivery_attempts (delivery_id, status, detail, attempted_by)
                values (:id, :status, :detail, :by)""")
                .param("id", delivery).param("status", status.name()).param("detail", detail.orElse(null))
                .param("by", attemptedBy).update();
    }

    Optional<Delivery> find(OrganizationId organization, InvoiceId invoice, MessageKind kind, String runKey) {
        return jdbc.sql("""
                select id, invoice_id, recipient, language, link_url, status, detail from sharing_deliveries
                where organization_id = :organization and invoice_id = :invoice and kind = :kind and run_key = :runKey""")
                .param("organization", organization.value()).param("invoice", invoice.value())
                .param("kind", kind.name()).param("runKey", runKey)
                .query(DeliveryLog::delivery).optional();
    }

    List<Delivery> ofRun(OrganizationId organization, String runKey) {
        return jdbc.sql("""
                select id, invoice_id, recipient, language, link_url, status, detail from sharing_deliveries
                where organization_id = :organization and run_key = :runKey order by id""")
                .param("organization", organization.value()).param("runKey", runKey)
                .query(DeliveryLog::delivery).list();
    }

    List<MessageKind> ofRunKinds(OrganizationId organization, String runKey) {
        return jdbc.sql("select distinct kind from sharing_deliveries where organization_id = :organization and run_key = :runKey")
                .param("organization", organization.value()).param("runKey", runKey)
                .query((rs, n) -> MessageKind.valueOf(rs.getString(1))).list();
    }

    /** When each invoice's email of this kind last reached the buyer. */
    Map<InvoiceId, Instant> lastSent(OrganizationId organization, MessageKind kind, Collection<InvoiceId> invoices) {
        var result = new HashMap<InvoiceId, Instant>();
        if (invoices.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                select invoice_id, max(sent_at) as sent from sharing_deliveries
                where organization_id = :organization and kind = :kind and status = 'SENT'
                  and invoice_id in (:invoices)
                group by invoice_id""")
                .param("organization", organization.value()).param("kind", kind.name())
                .param("invoices", invoices.stream().map(InvoiceId::value).toList())
                .query((rs, n) -> result.put(new InvoiceId(rs.getLong("invoice_id")),
                        rs.getObject("sent", OffsetDateTime.class).toInstant()))
                .list();
        return result;
    }

    @Override
    public Map<InvoiceId, Glance> glance(OrganizationId organization, Collection<InvoiceId> invoices) {
        var result = new HashMap<InvoiceId, Glance>();
        if (invoices.isEmpty()) {
            return result;
        }
        // the latest row per invoice says whether the last attempt failed; a SENDING row is not a failure yet
        jdbc.sql("""
                select invoice_id,
                    max(sent_at) filter (where kind = 'PAYMENT_LINK' and status = 'SENT') as link_sent,
                    max(sent_at) filter (where kind = 'REMINDER' and status = 'SENT') as reminded,
                    count(*) filter (where kind = 'REMINDER' and status = 'SENT') as reminders,
                    (array_agg(status order by updated_at desc, id desc))[1] in ('REFUSED', 'UNAVAILABLE') as failed
                from sharing_deliveries
                where organization_id = :organization and invoice_id in (:invoices)
                group by invoice_id""")
                .param("organization", organization.value())
                .param("invoices", invoices.stream().map(InvoiceId::value).toList())
                .query((rs, n) -> result.put(new InvoiceId(rs.getLong("invoice_id")), new Glance(
                        instant(rs, "link_sent"), instant(rs, "reminded"), rs.getInt("reminders"),
                        rs.getBoolean("failed"))))
                .list();
        return result;
    }

    @Override
    public List<HistoryEntry> history(OrganizationId organization, InvoiceId invoice) {
        return jdbc.sql("""
                select a.occurred_at, d.kind, a.status, d.recipient, d.language, a.attempted_by, a.detail, d.run_key
                from sharing_delivery_attempts a join sharing_deliveries d on d.id = a.delivery_id
                where d.organization_id = :organization and d.invoice_id = :invoice
                order by a.occurred_at, a.id""")
                .param("organization", organization.value()).param("invoice", invoice.value())
                .query((rs, n) -> new HistoryEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        MessageKind.valueOf(rs.getString("kind")), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getString("recipient"), BuyerLanguage.ofCode(rs.getString("language")),
                        rs.getString("attempted_by"), Optional.ofNullable(rs.getString("detail")),
                        rs.getString("run_key").startsWith("auto-")))
                .list();
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getLong("id"), new InvoiceId(rs.getLong("invoice_id")), rs.getString("recipient"),
                BuyerLanguage.ofCode(rs.getString("language")), rs.getString("link_url"),
                DeliveryStatus.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("detail")));
    }
}
