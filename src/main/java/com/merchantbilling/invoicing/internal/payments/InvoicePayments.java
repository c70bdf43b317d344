package com.merchantbilling.invoicing.internal.payments;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.internal.ChargeStates;
import com.merchantbilling.invoicing.onlinepayments.PaymentOutcome;
import com.merchantbilling.invoicing.onlinepayments.ReceivedPayment;

/** The invoice_payments rows and the row lock that serializes payments for one invoice. */
@Repository
class InvoicePayments {

    private final JdbcClient jdbc;

    InvoicePayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the invoice row until the transaction ends. Two reports of payments for one invoice (a webhook
     * and reconciliation, or two sessions) then run one after the other instead of failing on the version.
     */
    boolean lockInvoice(InvoiceId invoice) {
        return jdbc.sql("select id from invoices where id = :id for update")
                .param("id", invoice.value())
                .query(Long.class)
                .optional()
                .isPresent();
    }

    boolean sessionRecorded(String checkoutSessionId) {
        return jdbc.sql("select exists(select 1 from invoice_payments where checkout_session_id = :session)")
                .param("session", checkoutSessionId)
                .query(Boolean.class)
                .single();
    }

    void insert(InvoiceId invoice, ReceivedPayment payment, PaymentOutcome outcome, Instant now) {
        String flag = switch (outcome) {
            case PAID_AMOUNT_DIFFERS -> "OVERPAID";
            case PAYMENT_DIFFERS -> "AMOUNT_DIFFERS";
            case ADDITIONAL_PAYMENT -> "ADDITIONAL_PAYMENT";
            default -> null;
        };
        jdbc.sql("""
                        insert into invoice_payments (invoice_id, checkout_session_id, payment_link_id, amount, currency,
                                                      paid_at, stripe_event_id, flag, recorded_at,
                                                      payment_intent_id)
                        values (:invoice, :session, :link, :amount, :currency, :paidAt, :event, :flag, :now, :intent)""")
                .param("invoice", invoice.value())
                .param("session", payment.checkoutSessionId())
                .param("link", payment.paymentLinkId().orElse(null))
                .param("amount", payment.amount().minorUnits())
                .param("currency", payment.amount().currency().getCurrencyCode())
                .param("paidAt", utc(payment.paidAt()))
                .param("event", payment.stripeEventId().orElse(null))
                .param("flag", flag)
                .param("now", utc(now))
                .param("intent", payment.paymentIntentId().orElse(null))
                .update();
    }

    List<Long> pendingPayment(Instant linkCreatedBefore, Optional<InvoiceId> after, int limit) {
        return jdbc.sql("""
                        select id from invoices
                         where online_payment_status = 'PENDING_PAYMENT'
                           and payment_link_created_at < :before and id > :after
                         order by id limit :limit""")
                .param("before", utc(linkCreatedBefore))
                .param("after", after.map(InvoiceId::value).orElse(0L))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /** Over the partial index invoices_pending_payment (V7): the Pending Payment rows only. */
    java.util.Set<Optional<String>> stripeAccountsWithPendingPayment() {
        return new java.util.LinkedHashSet<>(jdbc.sql("""
                        select distinct payment_link_stripe_account from invoices
                         where online_payment_status = 'PENDING_PAYMENT'
                         order by payment_link_stripe_account nulls first""")
                .query((rows, row) -> Optional.ofNullable(rows.getString(1)))
                .list());
    }

    /** A recorded payment as refunds and disputes find it: through the payment intent of its session. */
    record RecordedPayment(long id, InvoiceId invoice, long amount, String currency) {
    }

    Optional<RecordedPayment> byPaymentIntent(String paymentIntentId) {
        return jdbc.sql("select id, invoice_id, amount, currency from invoice_payments where payment_intent_id = :pi")
                .param("pi", paymentIntentId)
                .query((rs, row) -> new RecordedPayment(rs.getLong("id"), new InvoiceId(rs.getLong("invoice_id")),
                        rs.getLong("amount"), rs.getString("currency")))
                .optional();
    }

    List<String> paymentIntents(InvoiceId invoice) {
        return jdbc.sql("""
                        select payment_intent_id from invoice_payments
                         where invoice_id = :invoice and payment_intent_id is not null order by id""")
                .param("invoice", invoice.value())
                .query(String.class)
                .list();
    }

    /** The charge's cumulative amount_refunded, unless a newer report was taken already. */
    void chargeRefunded(long paymentId, long amountRefunded, Instant asOf) {
        jdbc.sql("""
                        update invoice_payments set refunded_amount = :refunded, refunds_as_of = :asOf
                         where id = :id and (refunds_as_of is null or refunds_as_of <= :asOf)""")
                .param("refunded", amountRefunded)
                .param("asOf", utc(asOf))
                .param("id", paymentId)
                .update();
    }

    /** One refund's state, unless a newer report of that refund was taken already. */
    void refund(long paymentId, String refundId, long amount, String status, Instant asOf) {
        jdbc.sql("""
                        insert into invoice_refunds (refund_id, payment_id, amount, status, as_of)
                        values (:refund, :payment, :amount, :status, :asOf)
                        on conflict (refund_id) do update set amount = excluded.amount, status = excluded.status,
                                                              as_of = excluded.as_of
                         where invoice_refunds.as_of <= excluded.as_of""")
                .param("refund", refundId)
                .param("payment", paymentId)
                .param("amount", amount)
                .param("status", status)
                .param("asOf", utc(asOf))
                .update();
    }

    /**
     * The dispute's status, unless a newer report was taken. A closed dispute (won, lost) never goes back
     * to open, whatever order Stripe's deliveries arrive in: Stripe closes a dispute once (Stripe API
     * reference, "The Dispute object", status).
     */
    void dispute(long paymentId, String disputeId, String status, Instant asOf) {
        jdbc.sql("""
                        update invoice_payments set dispute_id = :dispute, dispute_status = :status, dispute_as_of = :asOf
                         where id = :id
                           and (dispute_status is null or dispute_id <> :dispute
                                or (dispute_status not in ('won', 'lost')
                                    and (dispute_as_of <= :asOf or :status in ('won', 'lost'))))""")
                .param("dispute", disputeId)
                .param("status", status)
                .param("asOf", utc(asOf))
                .param("id", paymentId)
                .update();
    }

    /**
     * What the invoice's payments add up to. A payment's refunds are the larger of its charge's
     * amount_refunded and its refunds still standing (pending, requires_action or succeeded; Stripe API
     * reference, "The Refund object", status), so whichever of charge.refunded and charge.refund.updated
     * arrives first counts, and the other adds nothing twice.
     */
    ChargeState chargeState(InvoiceId invoice) {
        return jdbc.sql("""
                        with per_payment as (
                            select p.amount, p.currency, p.dispute_status,
                                   greatest(p.refunded_amount, coalesce((
                                       select sum(r.amount) from invoice_refunds r
                                        where r.payment_id = p.id
                                          and r.status in ('pending', 'requires_action', 'succeeded')), 0)) as refunded
                              from invoice_payments p
                             where p.invoice_id = :invoice)
                        select coalesce(sum(refunded), 0) as refunded,
                               coalesce(bool_and(refunded >= amount), false) as all_refunded,
                               min(currency) as currency,
                               coalesce(bool_or(dispute_status = 'lost'), false) as lost,
                               coalesce(bool_or(dispute_status is not null
                                   and dispute_status not in ('won', 'lost', 'warning_closed', 'prevented')), false) as open,
                               coalesce(bool_or(dispute_status = 'won'), false) as won
                          from per_payment""")
                .param("invoice", invoice.value())
                .query((rs, row) -> {
                    long refunded = rs.getLong("refunded");
                    var refundState = refunded == 0 ? null : rs.getBoolean("all_refunded")
                            ? ChargeStates.RefundState.FULL : ChargeStates.RefundState.PARTIAL;
                    var dispute = rs.getBoolean("lost") ? ChargeStates.DisputeState.LOST
                            : rs.getBoolean("open") ? ChargeStates.DisputeState.OPEN
                            : rs.getBoolean("won") ? ChargeStates.DisputeState.WON : null;
                    return new ChargeState(refundState, refunded, rs.getString("currency"), dispute);
                })
                .single();
    }

    record ChargeState(ChargeStates.RefundState refundState, long refunded, String currency,
            ChargeStates.DisputeState disputeState) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
