package com.merchantbilling.ui.live;

import java.util.Collection;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;

/** Where a node's {@link InvoiceChangeListener} hands what it heard: the open views of this node. */
public interface InvoiceChangeSubscribers {

    /** These invoices of the organization changed, committed (on any node). Called on the listener's thread. */
    void changed(OrganizationId organization, Collection<InvoiceId> invoices);

    /**
     * The listener was not listening for a while (lost connection, now back): changes of that time may never
     * be heard, so whoever shows invoices must read them again.
     */
    void missedChanges();
}
