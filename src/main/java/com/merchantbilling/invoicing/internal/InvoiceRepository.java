package com.merchantbilling.invoicing.internal;

import org.springframework.data.repository.ListCrudRepository;

interface InvoiceRepository extends ListCrudRepository<Invoice, Long> {
}
