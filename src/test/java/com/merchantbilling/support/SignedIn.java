package com.merchantbilling.support;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;

/** Puts a merchant user of the given organization into the security context, as sign-in would. */
public final class SignedIn {

    private SignedIn() {
    }

    public static MerchantUser as(OrganizationId organization, String username) {
        var user = new MerchantUser(1, username, username, organization, "Org " + organization, null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return user;
    }

    public static void clear() {
        SecurityContextHolder.clearContext();
    }
}
