package com.merchantbilling.ui.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code merchantbilling.sign-in.*}: how many failed sign-ins a username and a client address get, as Bucket4j
 * limits that all apply at once. Each further limit is slower, so the wait grows the longer someone keeps guessing:
 * per username 5 at once, then one per 30 s, and beyond 20 in an hour one per 3 minutes; per address 20 at once
 * (one office behind one NAT shares it), then one per 30 s, beyond 100 in an hour one per 36 s.
 */
@Validated
@ConfigurationProperties("merchantbilling.sign-in")
record SignInThrottleProperties(
        @NotEmpty @Valid @DefaultValue({"5/150s", "20/1h"}) List<Limit> perUser,
        @NotEmpty @Valid @DefaultValue({"20/10m", "100/1h"}) List<Limit> perAddress) {

    /** {@code attempts} failures, given back evenly over {@code period}. Written {@code 5/150s}. */
    record Limit(@Positive int attempts, @NotNull Duration period) {

        static Limit parse(String text) {
            var parts = text.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("A sign-in limit is written attempts/period, e.g. 5/150s: " + text);
            }
            return new Limit(Integer.parseInt(parts[0].strip()),
                    org.springframework.boot.convert.DurationStyle.detectAndParse(parts[1].strip()));
        }
    }
}
