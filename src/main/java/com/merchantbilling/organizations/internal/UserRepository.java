package com.merchantbilling.organizations.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<UserRow, Long> {

    Optional<UserRow> findByUsername(String username);

    Optional<UserRow> findByInvitationTokenHash(String invitationTokenHash);

    List<UserRow> findByOrganizationIdOrderByUsername(long organizationId);

    /**
     * The organization's enabled Owners who can sign in (not merely invited), locked: a change that could leave the organization without an Owner
     * takes this first, so two Owners demoting each other at once cannot both succeed.
     */
    @Query("select * from users where organization_id = :organizationId and role = 'OWNER' and enabled "
            + "and password_hash is not null order by id for update")
    List<UserRow> lockEnabledOwners(long organizationId);
}
