package com.merchantbilling.organizations.internal;

import org.springframework.data.repository.ListCrudRepository;

interface OrganizationRepository extends ListCrudRepository<OrganizationRow, Long> {
}
