package com.merchantbilling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * {@code operations.operator.*}: the one operator account that reads /actuator (metrics, info, health details).
 * It is no merchant user: merchants of a tenant never see the whole deployment's figures.
 *
 * @param username     {@code OPERATOR_USERNAME}, default {@code operator}
 * @param passwordHash {@code OPERATOR_PASSWORD_HASH}, an encoded password with its encoder's id (e.g.
 *                     {@code {bcrypt}$2a$10$...}); from the environment only. Blank: no operator, so metrics are
 *                     refused to everyone
 */
@Validated
@ConfigurationProperties("operations.operator")
public record OperatorProperties(@NotBlank @DefaultValue("operator") String username,
        @Pattern(regexp = "^$|^\\{[a-z0-9]+\\}.+", message = "must be an encoded password with its {id} prefix, "
                + "e.g. {bcrypt}$2a$10$...") @DefaultValue("") String passwordHash) {

    boolean present() {
        return passwordHash != null && !passwordHash.isBlank();
    }

    @Override
    public String toString() {
        return "OperatorProperties[username=" + username + ", passwordHash=" + (present() ? "present" : "absent") + "]";
    }
}
