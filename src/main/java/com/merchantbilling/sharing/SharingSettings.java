package com.merchantbilling.sharing;

import java.util.OptionalInt;

import org.springframework.security.access.prepost.PreAuthorize;

import com.merchantbilling.organizations.OrganizationId;

/** An organization's email settings: default buyer language and the automatic reminder (off by default). */
public interface SharingSettings {

    Settings find(OrganizationId organization);

    // emails are the Billing manager's job (issue 16), their settings with them
    @PreAuthorize("@merchantRoles.billing('change email settings', #organization)")
    void save(OrganizationId organization, Settings settings);

    /**
     * @param reminderAfterDays send one automatic reminder this many days after the due date (1-365); empty = off
     */
    record Settings(BuyerLanguage defaultLanguage, OptionalInt reminderAfterDays) {

        public Settings {
            if (reminderAfterDays.isPresent() && (reminderAfterDays.getAsInt() < 1 || reminderAfterDays.getAsInt() > 365)) {
                throw new IllegalArgumentException("reminder days must be 1-365: " + reminderAfterDays);
            }
        }

        public static Settings defaults() {
            return new Settings(BuyerLanguage.EN, OptionalInt.empty());
        }
    }
}
