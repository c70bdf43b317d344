package com.merchantbilling.sharing;

import org.springframework.security.access.prepost.PreAuthorize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.organizations.OrganizationId;

/**
 * Emails payment links and reminders to buyers for a merchant's selection (at most
 * {@link com.merchantbilling.invoicing.PaymentLinkRequests#MAX_INVOICES}). Scoped to the organization: another
 * organization's invoice does not exist for the caller. A run (one confirmation in the dialog, with its id) sends
 * each invoice's email at most once, whichever node and however often it is asked; a later run is a resend.
 */
public interface BuyerMessages {

    /** Who would get what, and who cannot (and why), before anything is sent. */
    Plan plan(OrganizationId organization, MessageKind kind, Collection<InvoiceId> invoices);

    /**
     * Sends the run's emails to the given invoices' buyers, each in the language chosen here (else the stored
     * one); the plan is made again from the invoices as they are now, so what cannot be sent is not sent.
     * An invoice already handled in this run keeps its first outcome, except a mail server that was down.
     */
    @PreAuthorize("@merchantRoles.billing('email buyers', #organization)")
    List<Outcome> send(OrganizationId organization, UUID run, MessageKind kind, Collection<InvoiceId> invoices,
            Map<InvoiceId, BuyerLanguage> languages, String requestedBy);

    /** Sends again what the run could not send because the mail server was down. */
    @PreAuthorize("@merchantRoles.billing('email buyers', #organization)")
    List<Outcome> retryUnavailable(OrganizationId organization, UUID run, String requestedBy);

    /** The run's outcomes so far, one per invoice. */
    List<Outcome> outcomes(OrganizationId organization, UUID run);

    record Plan(MessageKind kind, List<Recipient> recipients, List<Excluded> excluded) {
    }

    /**
     * One email that can be sent.
     *
     * @param lastSent when this kind of email last reached the buyer (a new send is then a resend)
     */
    record Recipient(InvoiceId invoice, String invoiceNumber, String buyerName, String email, BuyerLanguage language,
            Money amount, LocalDate dueDate, String linkUrl, Optional<Instant> lastSent) {
    }

    /** An invoice of the selection that gets no email. */
    record Excluded(InvoiceId invoice, String invoiceNumber, String buyerName, Optional<String> email,
            Reason reason) {
    }

    enum Reason {
        NO_EMAIL, MALFORMED_EMAIL, NO_LINK,
        /** Reminders are for Pending Payment only. */
        PAID, NOT_FOUND
    }

    /**
     * What happened to one invoice's email in a run.
     *
     * @param detail    the mail server's reason for a refusal or why it could not be reached
     * @param notSent   why an invoice of the request got no email (then {@code result} is NOT_SENT)
     */
    record Outcome(InvoiceId invoice, String invoiceNumber, String recipient, Result result, Optional<String> detail,
            Optional<Reason> notSent) {

        public static Outcome of(Excluded excluded) {
            return new Outcome(excluded.invoice(), excluded.invoiceNumber(), excluded.email().orElse(""),
                    Result.NOT_SENT, Optional.empty(), Optional.of(excluded.reason()));
        }
    }

    enum Result {
        SENT, REFUSED, UNAVAILABLE,
        /** Another request of the same run is sending it right now (or its node stopped mid-send). */
        IN_FLIGHT, NOT_SENT;

        static Result of(DeliveryStatus status) {
            return switch (status) {
                case SENT -> SENT;
                case REFUSED -> REFUSED;
                case UNAVAILABLE -> UNAVAILABLE;
                case SENDING -> IN_FLIGHT;
            };
        }

        public static Result from(DeliveryStatus status) {
            return of(status);
        }
    }
}
