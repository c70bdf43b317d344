package com.merchantbilling.invoicing.internal.queries;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.BillingInvoices;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.InvoiceLineItem;
import com.merchantbilling.invoicing.InvoiceNumberTakenException;
import com.merchantbilling.invoicing.InvoiceSort;
import com.merchantbilling.invoicing.NewInvoice;
import com.merchantbilling.invoicing.OnlinePaymentFilter;
import com.merchantbilling.invoicing.internal.Invoice;
import com.merchantbilling.invoicing.internal.InvoiceRepository;
import com.merchantbilling.organizations.OrganizationId;

@Service
@Transactional(readOnly = true)
class BillingInvoiceService implements BillingInvoices {

    static final int MAX_PAGE_SIZE = 500;

    private final BillingInvoiceQueries queries;
    private final InvoiceRepository invoices;
    private final InvoiceLineItems lineItems;
    private final Clock clock;

    BillingInvoiceService(BillingInvoiceQueries queries, InvoiceRepository invoices, InvoiceLineItems lineItems,
            Optional<Clock> clock) {
        this.queries = queries;
        this.invoices = invoices;
        this.lineItems = lineItems;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public long count(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment) {
        return queries.count(organization.value(), filter, orAll(onlinePayment));
    }

    @Override
    public OnlinePaymentFilter.Counts onlinePaymentCounts(OrganizationId organization, String filter) {
        return queries.onlinePaymentCounts(organization.value(), filter);
    }

    private static OnlinePaymentFilter orAll(OnlinePaymentFilter filter) {
        return filter == null ? OnlinePaymentFilter.ALL : filter;
    }

    @Override
    public List<BillingInvoice> page(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, long offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page starts at offset >= 0 and has 0 to " + MAX_PAGE_SIZE
                    + " rows, got offset " + offset + " and limit " + limit);
        }
        return queries.page(organization.value(), filter, orAll(onlinePayment), sort == null ? InvoiceSort.DEFAULT : sort, offset, limit);
    }

    @Override
    public List<BillingInvoice> pageAfter(OrganizationId organization, String filter,
            OnlinePaymentFilter onlinePayment, InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
        return seek(organization, filter, onlinePayment, sort, boundary, false, limit);
    }

    @Override
    public List<BillingInvoice> pageBefore(OrganizationId organization, String filter,
            OnlinePaymentFilter onlinePayment, InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
        return seek(organization, filter, onlinePayment, sort, boundary, true, limit);
    }

    private List<BillingInvoice> seek(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort,
            Optional<BillingInvoice> boundary, boolean before, int limit) {
        if (limit < 0 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page has 0 to " + MAX_PAGE_SIZE + " rows, got " + limit);
        }
        return queries.seek(organization.value(), filter, orAll(onlinePayment), sort == null ? InvoiceSort.DEFAULT : sort,
                boundary == null ? Optional.empty() : boundary, before, limit);
    }

    @Override
    public CountedPage countedPageAfter(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
        return countedSeek(organization, filter, onlinePayment, sort, boundary, false, limit);
    }

    @Override
    public CountedPage countedPageBefore(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, int limit) {
        return countedSeek(organization, filter, onlinePayment, sort, boundary, true, limit);
    }

    private CountedPage countedSeek(OrganizationId organization, String filter, OnlinePaymentFilter onlinePayment,
            InvoiceSort sort, Optional<BillingInvoice> boundary, boolean before, int limit) {
        if (limit < 0 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page has 0 to " + MAX_PAGE_SIZE + " rows, got " + limit);
        }
        return queries.countedSeek(organization.value(), filter, orAll(onlinePayment),
                sort == null ? InvoiceSort.DEFAULT : sort, boundary == null ? Optional.empty() : boundary, before,
                limit);
    }

    @Override
    public Optional<BillingInvoice> find(OrganizationId organization, InvoiceId invoice) {
        return queries.find(organization.value(), invoice.value());
    }

    @Override
    public List<BillingInvoice> findAll(OrganizationId organization, Collection<InvoiceId> ids) {
        return queries.findAll(organization.value(), ids.stream().map(InvoiceId::value).distinct().toList());
    }

    @Override
    @Transactional
    public InvoiceId issue(OrganizationId organization, NewInvoice invoice) {
        if (!invoice.lineItems().isEmpty() && invoice.billingAmount() != null && !invoice.billingAmount()
                .equals(InvoiceLineItem.total(invoice.lineItems(), invoice.billingAmount().currency()))) {
            throw new IllegalArgumentException("The line items do not add up to the billing amount "
                    + invoice.billingAmount());
        }
        try {
            var saved = invoices.save(Invoice.issue(organization.value(), invoice, clock.instant()));
            lineItems.insert(saved.id(), invoice.lineItems());
            return new InvoiceId(saved.id());
        } catch (DuplicateKeyException | DbActionExecutionException e) {
            // Spring Data JDBC may or may not wrap the driver's unique violation in its own exception
            if (e instanceof DuplicateKeyException || e.getCause() instanceof DuplicateKeyException) {
                throw new InvoiceNumberTakenException(invoice.invoiceNumber().strip());
            }
            throw e;
        }
    }
}
