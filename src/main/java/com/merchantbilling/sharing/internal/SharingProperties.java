package com.merchantbilling.sharing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code merchantbilling.sharing.*}: the buyers' emails. The mail server itself is Spring Boot's
 * {@code spring.mail.*} (SPRING_MAIL_HOST, _PORT, _USERNAME, _PASSWORD, ...); without {@code spring.mail.host}
 * there is no mail server and every send ends "mail server unavailable", retryable once one is configured.
 *
 * @param from                   the sender address of every buyer email (MERCHANTBILLING_SHARING_FROM)
 * @param reminderCheckInterval  how often the automatic reminder job looks for overdue invoices
 */
@Validated
@ConfigurationProperties("merchantbilling.sharing")
record SharingProperties(@NotBlank @Email @DefaultValue("billing@merchant-billing.invalid") String from,
        @NotNull @DefaultValue("1h") Duration reminderCheckInterval) {
}
