package com.merchantbilling.organizations;

import java.io.Serial;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;

/** A call the caller's role does not allow; thrown before the call changed anything. */
public class RoleRequiredException extends AccessDeniedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Set<MerchantRole> required;
    private final transient Optional<MerchantRole> actual;

    public RoleRequiredException(String action, Set<MerchantRole> required, Optional<MerchantRole> actual) {
        super("Refused: '" + action + "' needs the role " + String.join(" or ",
                required.stream().sorted().map(MerchantRole::name).toList()) + "; the caller "
                + actual.map(role -> "is " + role.name()).orElse("has no role in an organization (not signed in, "
                        + "disabled or removed)"));
        this.required = Set.copyOf(required);
        this.actual = actual;
    }

    public Set<MerchantRole> required() {
        return required;
    }

    public Optional<MerchantRole> actual() {
        return actual;
    }
}
