package com.merchantbilling.organizations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.merchantbilling.organizations.OrganizationUsers.PasswordProblem;

class PasswordPolicyTests {

    final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void twelveCharactersAtLeast() {
        assertThat(policy.check("short-pass1", "aiko@example.com", "Aiko")).contains(PasswordProblem.TOO_SHORT);
        assertThat(policy.check("", "aiko@example.com", "Aiko")).contains(PasswordProblem.TOO_SHORT);
        assertThat(policy.check(null, "aiko@example.com", "Aiko")).contains(PasswordProblem.TOO_SHORT);
        assertThat(policy.check("river-lantern-9", "aiko@example.com", "Aiko")).isEmpty();
    }

    @Test
    void japaneseCountsByCharacterAndTheBcryptLimitByByte() {
        // 12 characters, 36 bytes: long enough, short enough
        assertThat(policy.check("さくらもちとおちゃのじかん".substring(0, 12), "aiko@example.com", "Aiko")).isEmpty();
        // 25 characters of 3 bytes each: 75 bytes, beyond what bcrypt reads
        assertThat(policy.check("あ".repeat(10) + "さくらもちとおちゃのじかんです", "aiko@example.com", "Aiko"))
                .contains(PasswordProblem.TOO_LONG);
    }

    @Test
    void commonPasswordsAreRefusedAlsoDressedUpOrRepeated() {
        assertThat(policy.check("qwerty123456", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
        assertThat(policy.check("Password2024!", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
        assertThat(policy.check("!!!baseball!!!", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
        assertThat(policy.check("dragondragon", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
        assertThat(policy.check("aaaaaaaaaaaa", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
        assertThat(policy.check("abcabcabcabc", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
        assertThat(policy.check("123412341234", "aiko@example.com", "Aiko")).contains(PasswordProblem.COMMON);
    }

    @Test
    void theUsersOwnNameIsRefused() {
        assertThat(policy.check("aiko.sato.2026", "aiko.sato@example.com", "Aiko Sato"))
                .contains(PasswordProblem.CONTAINS_NAME);
        assertThat(policy.check("hello-tanaka-99", "yui@example.com", "Yui Tanaka"))
                .contains(PasswordProblem.CONTAINS_NAME);
        // seeding checks without names
        assertThat(policy.check("aiko.sato.2026", null, null)).isEmpty();
    }
}
