package com.merchantbilling.invoicing.onlinepayments;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Stripe reported about the charge of a payment we recorded, found by its payment intent. Each field is
 * empty when the report does not speak of it (a dispute event says nothing about refunds).
 *
 * @param amountRefunded the charge's cumulative {@code amount_refunded} (Stripe's units, the charge's currency)
 * @param refund         one refund's id, amount and status ({@code charge.refund.updated})
 * @param dispute        the dispute's id and status
 * @param asOf           when Stripe said so (the event's {@code created}, or now for a fresh retrieval): an
 *                       older report never overrides a newer one, so out-of-order deliveries are safe
 */
public record ChargeReport(String paymentIntentId, Optional<Long> amountRefunded, Optional<Refund> refund,
        Optional<Dispute> dispute, Instant asOf, Optional<String> stripeEventId) {

    public record Refund(String id, long amount, String status) {
        public Refund {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }
    }

    public record Dispute(String id, String status) {
        public Dispute {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }
    }

    public ChargeReport {
        if (paymentIntentId == null || paymentIntentId.isBlank()) {
            throw new IllegalArgumentException("A charge report names its payment intent");
        }
        Objects.requireNonNull(amountRefunded, "amountRefunded");
        Objects.requireNonNull(refund, "refund");
        Objects.requireNonNull(dispute, "dispute");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(stripeEventId, "stripeEventId");
    }
}
