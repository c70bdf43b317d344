package com.merchantbilling.invoicing.internal.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.merchantbilling.invoicing.InvoiceDetails.AuditAction;
import com.merchantbilling.invoicing.InvoiceDetails.AuditEntry;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.events.AdditionalPaymentReceived;
import com.merchantbilling.invoicing.events.InvoicePaid;
import com.merchantbilling.invoicing.events.OrphanPaymentLinkDeactivated;
import com.merchantbilling.invoicing.events.PaymentActivityRecorded;
import com.merchantbilling.invoicing.events.PaymentLinkCreated;
import com.merchantbilling.invoicing.events.PaymentLinkFailed;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Writes the audit trail from invoicing's own events, synchronously, inside the transaction that changes
 * the invoice: an entry exists exactly when its change was committed, without a second, asynchronous
 * publication per event (a bulk request of 100 links, a burst of webhooks) and without a window in which
 * a change is visible but not yet audited. An {@code @ApplicationModuleListener} would add both.
 */
@Component
public class InvoiceAuditTrail {

    static final String STRIPE = "Stripe";

    private final JdbcClient jdbc;
    private final Clock clock;

    InvoiceAuditTrail(JdbcClient jdbc, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @EventListener
    void on(PaymentLinkRequested requested) {
        insert(requested.organizationId(), requested.invoiceId(), AuditAction.LINK_REQUESTED, requested.requestedBy(),
                requested.requestedAt(), null, null, null, "Attempt " + requested.attempt() + ", "
                        + requested.billingAmount());
    }

    @EventListener
    void on(PaymentLinkCreated created) {
        insert(created.organizationId(), created.invoiceId(), AuditAction.LINK_CREATED, STRIPE, clock.instant(),
                created.paymentLinkId(), null, null, created.paymentLinkUrl());
    }

    @EventListener
    void on(PaymentLinkFailed failed) {
        insert(failed.organizationId(), failed.invoiceId(), AuditAction.LINK_FAILED, STRIPE, clock.instant(), null,
                null, null, failed.reason());
    }

    @EventListener
    void on(OrphanPaymentLinkDeactivated orphan) {
        insert(orphan.organizationId(), orphan.invoiceId(), AuditAction.ORPHAN_LINK_DEACTIVATED, STRIPE,
                clock.instant(), orphan.paymentLinkId(), null, null, "Attempt " + orphan.attempt()
                        + ": created at Stripe while another link was recorded; never shown, deactivated");
    }

    @EventListener
    void on(InvoicePaid paid) {
        insert(paid.organizationId(), paid.invoiceId(), AuditAction.PAID, STRIPE, paid.paidAt(), null,
                paid.checkoutSessionId(), paid.stripeEventId(), paid.paidAmount()
                        + (paid.amountDiffers() ? " (more than the billing amount)" : ""));
    }

    @EventListener
    void on(AdditionalPaymentReceived payment) {
        insert(payment.organizationId(), payment.invoiceId(), AuditAction.ADDITIONAL_PAYMENT, STRIPE, clock.instant(),
                null, payment.checkoutSessionId(), payment.stripeEventId(), payment.amount().toString());
    }

    @EventListener
    void on(PaymentActivityRecorded activity) {
        // Stripe's object id goes with the session for a payment, with the event id otherwise
        boolean session = activity.stripeObject() != null && activity.stripeObject().startsWith("cs_");
        insert(activity.organizationId(), activity.invoiceId(), AuditAction.valueOf(activity.activity().name()), STRIPE,
                activity.occurredAt(), null, session ? activity.stripeObject() : null, activity.stripeEventId(),
                session || activity.stripeObject() == null ? activity.detail()
                        : String.join(" ", java.util.Objects.requireNonNullElse(activity.detail(), ""),
                                "(" + activity.stripeObject() + ")").strip());
    }

    public List<AuditEntry> find(long organizationId, long invoiceId) {
        return jdbc.sql("""
                        select occurred_at, action, actor, payment_link_id, checkout_session_id, stripe_event_id, detail
                          from invoice_audit_entries
                         where organization_id = :org and invoice_id = :invoice
                         order by id""")
                .param("org", organizationId)
                .param("invoice", invoiceId)
                .query((rs, row) -> new AuditEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        AuditAction.valueOf(rs.getString("action")), rs.getString("actor"),
                        Optional.ofNullable(rs.getString("payment_link_id")),
                        Optional.ofNullable(rs.getString("checkout_session_id")),
                        Optional.ofNullable(rs.getString("stripe_event_id")),
                        Optional.ofNullable(rs.getString("detail"))))
                .list();
    }

    private void insert(OrganizationId organization, InvoiceId invoice, AuditAction action, String actor, Instant at,
            String paymentLinkId, String checkoutSessionId, String stripeEventId, String detail) {
        jdbc.sql("""
                        insert into invoice_audit_entries (organization_id, invoice_id, action, actor, occurred_at,
                                                           payment_link_id, checkout_session_id, stripe_event_id, detail)
                        values (:org, :invoice, :action, :actor, :at, :link, :session, :event, :detail)""")
                .param("org", organization.value())
                .param("invoice", invoice.value())
                .param("action", action.name())
                .param("actor", actor)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("link", paymentLinkId)
                .param("session", checkoutSessionId)
                .param("event", stripeEventId)
                .param("detail", detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…")
                .update();
    }
}
