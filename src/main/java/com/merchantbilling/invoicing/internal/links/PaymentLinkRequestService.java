package com.merchantbilling.invoicing.internal.links;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.PaymentLinkRequests;
import com.merchantbilling.invoicing.PaymentLinkRequests.Ineligibility;
import com.merchantbilling.invoicing.PaymentLinkRequests.IneligibleInvoice;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkRequestResult;
import com.merchantbilling.invoicing.PaymentLinkRequests.PaymentLinkTargets;
import com.merchantbilling.invoicing.PaymentLinkRequests.TooManyInvoicesSelectedException;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.invoicing.internal.queries.BillingInvoiceQueries;
import com.merchantbilling.organizations.OrganizationId;

@Service
class PaymentLinkRequestService implements PaymentLinkRequests {

    private final BillingInvoiceQueries queries;
    private final PaymentLinkClaims claims;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PaymentLinkRequestService(BillingInvoiceQueries queries, PaymentLinkClaims claims,
            ApplicationEventPublisher events, Optional<Clock> clock) {
        this.queries = queries;
        this.claims = claims;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    @Transactional(readOnly = true)
    public PaymentLinkTargets targets(OrganizationId organization, Collection<InvoiceId> selection) {
        var ids = checkedSelection(selection);
        var found = queries.findAll(organization.value(), ids.stream().map(InvoiceId::value).toList());
        var eligible = new ArrayList<BillingInvoice>();
        var ineligible = new ArrayList<IneligibleInvoice>();
        for (var invoice : found) {
            Ineligibility.of(invoice).ifPresentOrElse(reason -> ineligible.add(new IneligibleInvoice(invoice, reason)),
                    () -> eligible.add(invoice));
        }
        return new PaymentLinkTargets(eligible, ineligible, missing(ids, found));
    }

    @Override
    @Transactional
    public PaymentLinkRequestResult request(OrganizationId organization, Collection<InvoiceId> selection,
            String requestedBy) {
        Assert.hasText(requestedBy, "A request names who made it");
        var ids = checkedSelection(selection);
        var claimed = claims.claim(organization, ids, requestedBy, clock.instant());
        // one event per invoice, stored in the publication registry with this transaction
        claimed.forEach(events::publishEvent);

        Set<InvoiceId> requested = new HashSet<>(claimed.stream().map(PaymentLinkRequested::invoiceId).toList());
        var found = queries.findAll(organization.value(), ids.stream().map(InvoiceId::value).toList());
        var skipped = found.stream()
                .filter(invoice -> !requested.contains(invoice.id()))
                .map(invoice -> new IneligibleInvoice(invoice,
                        Ineligibility.of(invoice).orElse(Ineligibility.LINK_BEING_CREATED)))
                .toList();
        return new PaymentLinkRequestResult(claimed.stream().map(PaymentLinkRequested::invoiceId).toList(), skipped,
                missing(ids, found));
    }

    private static List<InvoiceId> checkedSelection(Collection<InvoiceId> selection) {
        var ids = selection.stream().distinct().toList();
        if (ids.size() > MAX_INVOICES) {
            throw new TooManyInvoicesSelectedException(ids.size(), MAX_INVOICES);
        }
        return ids;
    }

    private static List<InvoiceId> missing(List<InvoiceId> ids, List<BillingInvoice> found) {
        var present = found.stream().map(BillingInvoice::id).collect(java.util.stream.Collectors.toSet());
        return ids.stream().filter(id -> !present.contains(id)).toList();
    }
}
