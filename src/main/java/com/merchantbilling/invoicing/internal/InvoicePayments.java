package com.merchantbilling.invoicing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentOutcome;
import com.merchantbilling.invoicing.ReceivedPayment;

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
            case PAID_AMOUNT_DIFFERS -> "AMOUNT_DIFFERS";
            case ADDITIONAL_PAYMENT -> "ADDITIONAL_PAYMENT";
            default -> null;
        };
        jdbc.sql("""
                        insert into invoice_payments (invoice_id, checkout_session_id, payment_link_id, amount, currency,
                                                      paid_at, stripe_event_id, flag, recorded_at)
                        values (:invoice, :session, :link, :amount, :currency, :paidAt, :event, :flag, :now)""")
                .param("invoice", invoice.value())
                .param("session", payment.checkoutSessionId())
                .param("link", payment.paymentLinkId().orElse(null))
                .param("amount", payment.amount().minorUnits())
                .param("currency", payment.amount().currency().getCurrencyCode())
                .param("paidAt", utc(payment.paidAt()))
                .param("event", payment.stripeEventId().orElse(null))
                .param("flag", flag)
                .param("now", utc(now))
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

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
