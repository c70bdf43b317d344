package com.merchantbilling.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;

/**
 * Puts a merchant user of the given organization into the security context, as sign-in would. The APIs' role
 * checks read a signed-in merchant's role from the database by user id, so in a Spring test ({@link FixtureOwner}
 * knows its context) the user is stored first: a user of that organization and role with a unique username
 * beside the given one, which stays the signed-in name (the audit trail shows it).
 */
public final class SignedIn {

    private SignedIn() {
    }

    /** An Owner. */
    public static MerchantUser as(OrganizationId organization, String username) {
        return as(organization, username, MerchantRole.OWNER);
    }

    public static MerchantUser as(OrganizationId organization, String username, MerchantRole role) {
        return as(organization, stored(organization, username, role), username, role);
    }

    private static long stored(OrganizationId organization, String username, MerchantRole role) {
        return FixtureOwner.currentContext().map(context -> {
            String unique = username + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            context.getBean(Organizations.class).addUser(organization, unique, username,
                    "fixture-password-" + java.util.UUID.randomUUID(), role);
            return context.getBean(JdbcClient.class).sql("select id from users where username = :u")
                    .param("u", unique).query(Long.class).single();
        }).orElse(-1L);
    }

    /** A stored user (their id), as sign-in makes them. */
    public static MerchantUser as(OrganizationId organization, long userId, String username, MerchantRole role) {
        var user = new MerchantUser(userId, username, username, organization, "Org " + organization, role, null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return user;
    }

    public static void clear() {
        SecurityContextHolder.clearContext();
    }
}
