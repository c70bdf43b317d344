package com.merchantbilling.invoicing;

import java.util.Optional;

import com.merchantbilling.organizations.OrganizationId;

/** One invoice in full, for the details panel. Scoped to the organization like every invoicing query. */
public interface InvoiceDetails {

    Optional<InvoiceDetail> find(OrganizationId organization, InvoiceId invoice);
}
