package com.merchantbilling.sharing.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.PaymentLinkRequests.TooManyInvoicesSelectedException;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.BuyerMessages;
import com.merchantbilling.sharing.DeliveryStatus;
import com.merchantbilling.sharing.MessageKind;

/**
 * Plans and sends buyers' emails. Every invoice is read again through invoicing's organization-scoped API at
 * send time (a Paid invoice gets no reminder, whatever the dialog showed), each send is claimed in
 * {@link DeliveryLog} before the mail server is asked, and its outcome recorded after.
 */
@Service
class BuyerMessageService implements BuyerMessages {

    private static final Logger log = LoggerFactory.getLogger(BuyerMessageService.class);

    private final BillingInvoices invoices;
    private final InvoiceDetails details;
    private final Organizations organizations;
    private final SharingSettingsService settings;
    private final DeliveryLog deliveries;
    private final MailTemplates templates;
    private final MailGateway mail;

    BuyerMessageService(BillingInvoices invoices, InvoiceDetails details, Organizations organizations,
            SharingSettingsService settings, DeliveryLog deliveries, MailTemplates templates, MailGateway mail) {
        this.invoices = invoices;
        this.details = details;
        this.organizations = organizations;
        this.settings = settings;
        this.deliveries = deliveries;
        this.templates = templates;
        this.mail = mail;
    }

    @Override
    public Plan plan(OrganizationId organization, MessageKind kind, Collection<InvoiceId> ids) {
        var unique = new LinkedHashSet<>(ids);
        if (unique.size() > PaymentLinkRequests.MAX_INVOICES) {
            throw new TooManyInvoicesSelectedException(unique.size(), PaymentLinkRequests.MAX_INVOICES);
        }
        var defaultLanguage = settings.find(organization).defaultLanguage();
        var chosen = settings.languages(organization, unique);
        var lastSent = deliveries.lastSent(organization, kind, unique);
        var found = new java.util.HashMap<InvoiceId, BillingInvoice>();
        invoices.findAll(organization, unique).forEach(invoice -> found.put(invoice.id(), invoice));
        var recipients = new ArrayList<Recipient>();
        var excluded = new ArrayList<Excluded>();
        for (var id : unique) {
            var invoice = found.get(id);
            if (invoice == null) {
                excluded.add(new Excluded(id, "", "", Optional.empty(), Reason.NOT_FOUND));
                continue;
            }
            var email = details.find(organization, id).flatMap(InvoiceDetails.Details::buyerEmail)
                    .map(String::strip).filter(e -> !e.isEmpty());
            Optional<Reason> reason = Optional.empty();
            if (kind == MessageKind.REMINDER && invoice.onlinePayment() == OnlinePaymentStatus.PAID) {
                reason = Optional.of(Reason.PAID);
            } else if (invoice.paymentLinkUrl().isEmpty()
                    || (kind == MessageKind.REMINDER && invoice.onlinePayment() != OnlinePaymentStatus.PENDING_PAYMENT)) {
                reason = Optional.of(Reason.NO_LINK);
            } else if (email.isEmpty()) {
                reason = Optional.of(Reason.NO_EMAIL);
            } else if (!MailGateway.wellFormed(email.get())) {
                reason = Optional.of(Reason.MALFORMED_EMAIL);
            }
            if (reason.isPresent()) {
                excluded.add(new Excluded(id, invoice.invoiceNumber(), invoice.buyerName(), email, reason.get()));
            } else {
                recipients.add(new Recipient(id, invoice.invoiceNumber(), invoice.buyerName(), email.get(),
                        chosen.getOrDefault(id, defaultLanguage), invoice.billingAmount(), invoice.dueDate(),
                        invoice.paymentLinkUrl().get(), Optional.ofNullable(lastSent.get(id))));
            }
        }
        return new Plan(kind, List.copyOf(recipients), List.copyOf(excluded));
    }

    @Override
    public List<Outcome> send(OrganizationId organization, UUID run, MessageKind kind, Collection<InvoiceId> ids,
            Map<InvoiceId, BuyerLanguage> languages, String requestedBy) {
        return send(organization, run.toString(), kind, ids, languages, requestedBy);
    }

    /** An automatic reminder step for these invoices (the job's, at most 100 at a time). */
    List<Outcome> sendStep(OrganizationId organization, String step, Collection<InvoiceId> ids, String requestedBy) {
        return send(organization, step, MessageKind.REMINDER, ids, Map.of(), requestedBy);
    }

    private List<Outcome> send(OrganizationId organization, String runKey, MessageKind kind, Collection<InvoiceId> ids,
            Map<InvoiceId, BuyerLanguage> languages, String requestedBy) {
        var plan = plan(organization, kind, ids);
        languages.forEach((invoice, language) -> {
            if (plan.recipients().stream().anyMatch(r -> r.invoice().equals(invoice))) {
                settings.rememberLanguage(organization, invoice, language);
            }
        });
        var outcomes = new ArrayList<Outcome>();
        plan.excluded().forEach(excluded -> outcomes.add(Outcome.of(excluded)));
        var organizationName = organizations.find(organization).orElseThrow().name();
        for (var recipient : plan.recipients()) {
            var language = languages.getOrDefault(recipient.invoice(), recipient.language());
            outcomes.add(deliver(organization, organizationName, kind, runKey, recipient, language, requestedBy));
        }
        return outcomes;
    }

    /** One email, claimed first: a second ask in the same run (another node, a double click) gets the first's outcome. */
    Outcome deliver(OrganizationId organization, String organizationName, MessageKind kind, String runKey,
            Recipient recipient, BuyerLanguage language, String requestedBy) {
        var claim = deliveries.claim(organization, recipient.invoice(), kind, runKey, recipient.email(), language,
                recipient.linkUrl(), requestedBy);
        if (!claim.claimed()) {
            var existing = claim.existing();
            return new Outcome(recipient.invoice(), recipient.invoiceNumber(), existing.recipient(),
                    Result.from(existing.status()), existing.detail(), Optional.empty());
        }
        MailGateway.Result result;
        try {
            var mailText = templates.render(kind, language, MailTemplates.values(organizationName,
                    recipient.buyerName(), recipient.invoiceNumber(), recipient.amount(), recipient.dueDate(),
                    recipient.linkUrl(), language));
            result = mail.send(recipient.email(), mailText);
        } catch (RuntimeException e) {
            // never leave the claim SENDING for a failure of ours: nothing reached the server
            log.error("Could not send the {} email of invoice {}", kind, recipient.invoice(), e);
            result = new MailGateway.Result(DeliveryStatus.UNAVAILABLE, Optional.of(String.valueOf(e.getMessage())));
        }
        deliveries.finish(claim.id(), result.status(), result.detail(), requestedBy);
        return new Outcome(recipient.invoice(), recipient.invoiceNumber(), recipient.email(),
                Result.from(result.status()), result.detail(), Optional.empty());
    }

    @Override
    public List<Outcome> retryUnavailable(OrganizationId organization, UUID run, String requestedBy) {
        var waiting = deliveries.ofRun(organization, run.toString()).stream()
                .filter(d -> d.status() == DeliveryStatus.UNAVAILABLE).map(DeliveryLog.Delivery::invoice).toList();
        if (waiting.isEmpty()) {
            return outcomes(organization, run);
        }
        var kinds = deliveries.ofRunKinds(organization, run.toString());
        for (var kind : kinds) {
            send(organization, run, kind, waiting, Map.of(), requestedBy);
        }
        return outcomes(organization, run);
    }

    @Override
    public List<Outcome> outcomes(OrganizationId organization, UUID run) {
        var rows = deliveries.ofRun(organization, run.toString());
        var numbers = new java.util.HashMap<InvoiceId, String>();
        invoices.findAll(organization, rows.stream().map(DeliveryLog.Delivery::invoice).toList())
                .forEach(invoice -> numbers.put(invoice.id(), invoice.invoiceNumber()));
        return rows.stream().map(d -> new Outcome(d.invoice(), numbers.getOrDefault(d.invoice(), ""), d.recipient(),
                Result.from(d.status()), d.detail(), Optional.empty())).toList();
    }

}
