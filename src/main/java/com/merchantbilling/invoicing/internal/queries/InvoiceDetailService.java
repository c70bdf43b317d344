package com.merchantbilling.invoicing.internal.queries;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceDetails;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.internal.audit.InvoiceAuditTrail;
import com.merchantbilling.organizations.OrganizationId;

@Service
@Transactional(readOnly = true)
class InvoiceDetailService implements InvoiceDetails {

    private final BillingInvoiceQueries queries;
    private final InvoiceLineItems lineItems;
    private final InvoiceAuditTrail auditTrail;
    private final JdbcClient jdbc;

    InvoiceDetailService(BillingInvoiceQueries queries, InvoiceLineItems lineItems, InvoiceAuditTrail auditTrail,
            JdbcClient jdbc) {
        this.queries = queries;
        this.lineItems = lineItems;
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<InvoiceDetails.Details> find(OrganizationId organization, InvoiceId invoice) {
        return queries.find(organization.value(), invoice.value()).map(row -> new InvoiceDetails.Details(row,
                jdbc.sql("select buyer_email from invoices where organization_id = :org and id = :id")
                        .param("org", organization.value()).param("id", invoice.value())
                        .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(email -> email),
                lineItems.find(organization.value(), invoice.value()),
                auditTrail.find(organization.value(), invoice.value())));
    }
}
