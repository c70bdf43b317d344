package com.merchantbilling.sharing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/** What was sent to buyers: at a glance per invoice, and each invoice's whole send history. */
public interface FollowUps {

    /** For each of the invoices that has any email, when the link was last sent and last reminded. */
    Map<InvoiceId, Glance> glance(OrganizationId organization, Collection<InvoiceId> invoices);

    /** Every attempt to email the invoice's buyer, oldest first. */
    List<HistoryEntry> history(OrganizationId organization, InvoiceId invoice);

    /** Last successful sends; {@code failed} when the latest attempt of either kind did not reach the buyer. */
    record Glance(Optional<Instant> linkSent, Optional<Instant> reminded, int reminders, boolean failed) {
    }

    record HistoryEntry(Instant occurredAt, MessageKind kind, DeliveryStatus status, String recipient,
            BuyerLanguage language, String by, Optional<String> detail, boolean automatic) {
    }
}
