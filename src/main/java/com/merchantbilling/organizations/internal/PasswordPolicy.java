package com.merchantbilling.organizations.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.merchantbilling.organizations.OrganizationUsers.PasswordProblem;

/**
 * Passwords people choose: at least 12 characters (NIST SP 800-63B asks for length and a blocklist rather than
 * composition rules), at most 72 bytes in UTF-8 (bcrypt ignores anything beyond, so a longer one would be
 * silently shortened), not one of the common passwords in {@code security/common-passwords.txt} (SecLists' most
 * common list), also not when only digits or symbols were put around one ({@code Password2024!}) or one is
 * repeated ({@code dragondragon}), and not containing the user's own name or e-mail name.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    Optional<PasswordProblem> check(String password, String username, String displayName) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(PasswordProblem.TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(PasswordProblem.TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            return Optional.of(PasswordProblem.COMMON);
        }
        if (containsName(lower, username) || containsName(lower, displayName)) {
            return Optional.of(PasswordProblem.CONTAINS_NAME);
        }
        return Optional.empty();
    }

    private boolean isCommon(String lower) {
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        return common.contains(lower) || common.contains(core) || common.contains(unit(core))
                || unit(lower).length() <= 4 && unit(lower).length() < lower.length();
    }

    /** The shortest piece that, repeated, makes the value ("dragon" for "dragondragon"); else the value. */
    private static String unit(String value) {
        for (int size = 1; size <= value.length() / 2; size++) {
            if (value.length() % size == 0 && value.substring(0, size).repeat(value.length() / size).equals(value)) {
                return value.substring(0, size);
            }
        }
        return value;
    }

    private static boolean containsName(String lowerPassword, String name) {
        if (name == null) {
            return false;
        }
        String local = name.toLowerCase(Locale.ROOT).strip();
        int at = local.indexOf('@');
        if (at > 0) {
            local = local.substring(0, at);
        }
        for (String part : local.split("[^\\p{L}\\p{N}]+")) {
            if (part.length() >= 4 && lowerPassword.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> load() {
        var words = new HashSet<String>();
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException("security/common-passwords.txt is missing from the classpath", e);
        }
        return Set.copyOf(words);
    }
}
