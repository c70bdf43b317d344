package com.merchantbilling.invoicing.internal;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface InvoiceRepository extends ListCrudRepository<Invoice, Long> {

    /**
     * Written out rather than derived from the method name: Spring Data JDBC derives a query's SQL again on every
     * call, and this one runs for every payment event (in the webhook benchmark's profile the derivation allocated
     * five times as much as the rest of the event's processing).
     */
    @Query("select * from invoices where payment_link_id = :paymentLinkId")
    Optional<Invoice> findByPaymentLinkId(String paymentLinkId);
}
