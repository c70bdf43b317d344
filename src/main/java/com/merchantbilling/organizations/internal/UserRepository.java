package com.merchantbilling.organizations.internal;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<UserRow, Long> {

    Optional<UserRow> findByUsername(String username);
}
