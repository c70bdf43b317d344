package com.merchantbilling.organizations;

import java.io.Serial;

import org.springframework.security.access.AccessDeniedException;

/** A signed-in merchant's call that names another organization than its own; refused before it changed anything. */
public class OrganizationMismatchException extends AccessDeniedException {

    @Serial
    private static final long serialVersionUID = 1L;

    public OrganizationMismatchException(String action) {
        super("Refused: '" + action + "' for another organization than the signed-in user's");
    }
}
