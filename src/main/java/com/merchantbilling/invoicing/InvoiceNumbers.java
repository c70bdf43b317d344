package com.merchantbilling.invoicing;

import com.merchantbilling.organizations.OrganizationId;

/** Invoice numbers are unique within an organization; this helps a merchant pick the next one. */
public interface InvoiceNumbers {

    /**
     * The number after the organization's newest invoice in the same pattern ("ST-2026-0260" gives
     * "ST-2026-0261"), skipping numbers in use; "INV-0001" for an organization without invoices.
     */
    String suggestNext(OrganizationId organization);

    boolean isTaken(OrganizationId organization, String invoiceNumber);
}
