package com.merchantbilling.sharing.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.SharingSettings;

/** The organization's settings and the buyers' languages chosen per invoice (V19). */
@Service
class SharingSettingsService implements SharingSettings {

    private final JdbcClient jdbc;

    SharingSettingsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Settings find(OrganizationId organization) {
        return jdbc.sql("select default_language, reminder_after_days from sharing_settings where organization_id = :o")
                .param("o", organization.value())
                .query((rs, n) -> {
                    int days = rs.getInt("reminder_after_days");
                    return new Settings(BuyerLanguage.ofCode(rs.getString("default_language")),
                            rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(days));
                })
                .optional().orElseGet(Settings::defaults);
    }

    @Override
    @Transactional
    public void save(OrganizationId organization, Settings settings) {
        jdbc.sql("""
                insert into sharing_settings (organization_id, default_language, reminder_after_days)
                values (:o, :language, :days)
                on conflict (organization_id) do update set default_language = excluded.default_language,
                    reminder_after_days = excluded.reminder_after_days, updated_at = now()""")
                .param("o", organization.value()).param("language", settings.defaultLanguage().code())
                .param("days", settings.reminderAfterDays().isPresent() ? settings.reminderAfterDays().getAsInt() : null,
                        java.sql.Types.INTEGER)
                .update();
    }

    /** The organizations whose automatic reminder is on, with its days. */
    Map<OrganizationId, Integer> automaticReminders() {
        var result = new java.util.LinkedHashMap<OrganizationId, Integer>();
        jdbc.sql("select organization_id, reminder_after_days from sharing_settings where reminder_after_days is not null order by organization_id")
                .query((rs, n) -> result.put(new OrganizationId(rs.getLong(1)), rs.getInt(2))).list();
        return result;
    }

    /** The languages chosen for these invoices (only those that have one). */
    Map<InvoiceId, BuyerLanguage> languages(OrganizationId organization, Collection<InvoiceId> invoices) {
        var result = new HashMap<InvoiceId, BuyerLanguage>();
        if (invoices.isEmpty()) {
            return result;
        }
        jdbc.sql("select invoice_id, language from sharing_invoice_languages where organization_id = :o and invoice_id in (:ids)")
                .param("o", organization.value()).param("ids", invoices.stream().map(InvoiceId::value).toList())
                .query((rs, n) -> result.put(new InvoiceId(rs.getLong(1)), BuyerLanguage.ofCode(rs.getString(2))))
                .list();
        return result;
    }

    /** Remembers the buyer's language for the invoice (the invoice is the caller's: checked before). */
    void rememberLanguage(OrganizationId organization, InvoiceId invoice, BuyerLanguage language) {
        jdbc.sql("""
                insert into sharing_invoice_languages (invoice_id, organization_id, language) values (:i, :o, :l)
                on conflict (invoice_id) do update set language = excluded.language
                where sharing_invoice_languages.organization_id = excluded.organization_id""")
                .param("i", invoice.value()).param("o", organization.value()).param("l", language.code()).update();
    }

}
