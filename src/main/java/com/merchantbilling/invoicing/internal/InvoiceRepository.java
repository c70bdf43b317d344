package com.merchantbilling.invoicing.internal;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface InvoiceRepository extends ListCrudRepository<Invoice, Long> {

    Optional<Invoice> findByPaymentLinkId(String paymentLinkId);
}
