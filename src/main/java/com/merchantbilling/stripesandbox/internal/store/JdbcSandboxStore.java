package com.merchantbilling.stripesandbox.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.SandboxPaymentLink.LineItem;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.idempotency.SandboxIdempotencyRecord;

/** The developer run's store: the V5 tables, so links and payments survive a restart. */
public class JdbcSandboxStore implements SandboxStore {

    private static final String LINK_COLUMNS = """
            id, stripe_account, created, active, currency, line_items, metadata, payment_method_types,
            completed_sessions_limit, completed_sessions_count, other_parameters""";
    private static final String SESSION_COLUMNS = """
            id, payment_link_id, stripe_account, created, amount_total, currency, customer_email, payment_intent_id,
            metadata""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcSandboxStore(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void insertPaymentLink(SandboxPaymentLink link, SandboxIdempotencyRecord record) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into stripe_sandbox_payment_links (%s)
                            values (:id, :account, :created, :active, :currency, cast(:lineItems as jsonb),
                                    cast(:metadata as jsonb), cast(:types as jsonb), :limit, :count,
                                    cast(:others as jsonb))""".formatted(LINK_COLUMNS))
                    .param("id", link.id())
                    .param("account", link.stripeAccount())
                    .param("created", link.created())
                    .param("active", link.active())
                    .param("currency", link.currency())
                    .param("lineItems", Json.write(link.lineItems()))
                    .param("metadata", Json.write(link.metadata()))
                    .param("types", link.paymentMethodTypes() == null ? null : Json.write(link.paymentMethodTypes()))
                    .param("limit", link.completedSessionsLimit())
                    .param("count", link.completedSessionsCount())
                    .param("others", Json.write(link.otherParameters()))
                    .update();
            if (record != null) {
                upsert(record);
            }
        });
    }

    @Override
    public Optional<SandboxPaymentLink> findPaymentLink(String id) {
        return jdbc.sql("select " + LINK_COLUMNS + " from stripe_sandbox_payment_links where id = :id")
                .param("id", id)
                .query(JdbcSandboxStore::link)
                .optional();
    }

    @Override
    public List<SandboxPaymentLink> paymentLinks(int limit) {
        return jdbc.sql("select " + LINK_COLUMNS
                + " from stripe_sandbox_payment_links order by created desc, seq desc limit :limit")
                .param("limit", limit)
                .query(JdbcSandboxStore::link)
                .list();
    }

    @Override
    public Optional<SandboxIdempotencyRecord> findIdempotencyRecord(String scope, String key) {
        return jdbc.sql("""
                        select scope, idempotency_key, fingerprint, status, body, request_id, created
                        from stripe_sandbox_idempotency_keys where scope = :scope and idempotency_key = :key""")
                .param("scope", scope)
                .param("key", key)
                .query((rows, row) -> new SandboxIdempotencyRecord(rows.getString("scope"),
                        rows.getString("idempotency_key"), rows.getString("fingerprint"), rows.getInt("status"),
                        rows.getString("body"), rows.getString("request_id"), rows.getLong("created")))
                .optional();
    }

    @Override
    public void saveIdempotencyRecord(SandboxIdempotencyRecord record) {
        transaction.executeWithoutResult(status -> upsert(record));
    }

    /** An expired key may be used again: the new first response replaces the old one. */
    private void upsert(SandboxIdempotencyRecord record) {
        jdbc.sql("""
                        insert into stripe_sandbox_idempotency_keys
                            (scope, idempotency_key, fingerprint, status, body, request_id, created)
                        values (:scope, :key, :fingerprint, :status, :body, :requestId, :created)
                        on conflict (scope, idempotency_key) do update set fingerprint = excluded.fingerprint,
                            status = excluded.status, body = excluded.body, request_id = excluded.request_id,
                            created = excluded.created""")
                .param("scope", record.scope())
                .param("key", record.key())
                .param("fingerprint", record.fingerprint())
                .param("status", record.status())
                .param("body", record.body())
                .param("requestId", record.requestId())
                .param("created", record.created())
                .update();
    }

    @Override
    public Optional<SandboxPaymentLink> updatePaymentLinkActive(String id, boolean active) {
        int updated = jdbc.sql("update stripe_sandbox_payment_links set active = :active where id = :id")
                .param("active", active)
                .param("id", id)
                .update();
        return updated == 0 ? Optional.empty() : findPaymentLink(id);
    }

    @Override
    public boolean recordCompletedSession(SandboxCheckoutSession session) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            // one statement checks and counts, so two buyers of a one-time link cannot both get through
            int counted = jdbc.sql("""
                            update stripe_sandbox_payment_links
                            set completed_sessions_count = completed_sessions_count + 1,
                                active = completed_sessions_limit is null
                                         or completed_sessions_count + 1 < completed_sessions_limit
                            where id = :id and active""")
                    .param("id", session.paymentLinkId())
                    .update();
            if (counted == 0) {
                return false;
            }
            jdbc.sql("insert into stripe_sandbox_checkout_sessions (" + SESSION_COLUMNS + """
                            ) values (:id, :link, :account, :created, :amount, :currency, :email, :intent,
                                      cast(:metadata as jsonb))""")
                    .param("id", session.id())
                    .param("link", session.paymentLinkId())
                    .param("account", session.stripeAccount())
                    .param("created", session.created())
                    .param("amount", session.amountTotal())
                    .param("currency", session.currency())
                    .param("email", session.customerEmail())
                    .param("intent", session.paymentIntentId())
                    .param("metadata", Json.write(session.metadata()))
                    .update();
            return true;
        }));
    }

    @Override
    public Optional<SandboxCheckoutSession> findCheckoutSession(String id) {
        return jdbc.sql("select " + SESSION_COLUMNS + " from stripe_sandbox_checkout_sessions where id = :id")
                .param("id", id)
                .query(JdbcSandboxStore::session)
                .optional();
    }

    @Override
    public List<SandboxCheckoutSession> checkoutSessions(String paymentLinkId) {
        return jdbc.sql("select " + SESSION_COLUMNS
                + " from stripe_sandbox_checkout_sessions where payment_link_id = :link order by created desc, id")
                .param("link", paymentLinkId)
                .query(JdbcSandboxStore::session)
                .list();
    }

    @Override
    public Optional<SandboxCheckoutSession> findCheckoutSessionByPaymentIntent(String paymentIntentId) {
        return jdbc.sql("select " + SESSION_COLUMNS
                        + " from stripe_sandbox_checkout_sessions where payment_intent_id = :intent")
                .param("intent", paymentIntentId)
                .query(JdbcSandboxStore::session)
                .optional();
    }

    private static final String EVENT_COLUMNS = """
            id, stripe_account, type, created, object_id, payment_intent, delivered, payload""";

    @Override
    public void recordEvent(SandboxEvent event) {
        jdbc.sql("insert into stripe_sandbox_events (" + EVENT_COLUMNS + """
                        ) values (:id, :account, :type, :created, :object, :intent, :delivered, :payload)""")
                .param("id", event.id())
                .param("account", event.account())
                .param("type", event.type())
                .param("created", event.created())
                .param("object", event.objectId())
                .param("intent", event.paymentIntent())
                .param("delivered", event.delivered())
                .param("payload", event.payload())
                .update();
    }

    @Override
    public void markEventDelivered(String eventId) {
        jdbc.sql("update stripe_sandbox_events set delivered = true where id = :id").param("id", eventId).update();
    }

    @Override
    public Optional<SandboxEvent> findEvent(String id) {
        return jdbc.sql("select " + EVENT_COLUMNS + " from stripe_sandbox_events where id = :id")
                .param("id", id)
                .query(JdbcSandboxStore::event)
                .optional();
    }

    @Override
    public List<SandboxEvent> events(String account, long createdFrom) {
        return jdbc.sql("select " + EVENT_COLUMNS + """
                         from stripe_sandbox_events
                        where stripe_account is not distinct from :account and created >= :from
                        order by created desc, seq desc""")
                .param("account", account)
                .param("from", createdFrom)
                .query(JdbcSandboxStore::event)
                .list();
    }

    @Override
    public List<SandboxEvent> eventsOfPaymentIntent(String paymentIntentId) {
        return jdbc.sql("select " + EVENT_COLUMNS + " from stripe_sandbox_events where payment_intent = :intent order by seq")
                .param("intent", paymentIntentId)
                .query(JdbcSandboxStore::event)
                .list();
    }

    private static SandboxEvent event(ResultSet rows, int row) throws SQLException {
        return new SandboxEvent(rows.getString("id"), rows.getString("stripe_account"), rows.getString("type"),
                rows.getLong("created"), rows.getString("object_id"), rows.getString("payment_intent"),
                rows.getBoolean("delivered"), rows.getString("payload"));
    }

    private static SandboxPaymentLink link(ResultSet rows, int row) throws SQLException {
        String types = rows.getString("payment_method_types");
        long limit = rows.getLong("completed_sessions_limit");
        Long completedSessionsLimit = rows.wasNull() ? null : limit;
        return new SandboxPaymentLink(rows.getString("id"), rows.getString("stripe_account"),
                rows.getLong("created"), rows.getBoolean("active"), rows.getString("currency"),
                Json.readList(rows.getString("line_items"), LineItem.class),
                Json.readStrings(rows.getString("metadata")),
                types == null ? null : Json.readList(types, String.class),
                completedSessionsLimit, rows.getLong("completed_sessions_count"),
                Json.readObject(rows.getString("other_parameters")));
    }

    private static SandboxCheckoutSession session(ResultSet rows, int row) throws SQLException {
        return new SandboxCheckoutSession(rows.getString("id"), rows.getString("payment_link_id"),
                rows.getString("stripe_account"), rows.getLong("created"), rows.getLong("amount_total"),
                rows.getString("currency"), rows.getString("customer_email"), rows.getString("payment_intent_id"),
                Map.copyOf(Json.readStrings(rows.getString("metadata"))));
    }
}
