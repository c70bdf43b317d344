package com.merchantbilling.ui.billing.sharing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.FollowUps;
import com.merchantbilling.sharing.FollowUps.Glance;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The grid's follow-up mark per invoice: an envelope once the link was emailed, a bell once reminded, a warning
 * when the latest email did not reach the buyer; the date of the latest send beside it and the whole story in its
 * tooltip. Read for a page's rows at once (one query), kept until the rows are read again.
 */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class FollowUpMarks {

    private final OrganizationId organization;
    private final FollowUps followUps;
    private final Map<InvoiceId, Glance> glances = new HashMap<>();

    FollowUpMarks(AuthenticationContext authentication, FollowUps followUps) {
        this.organization = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow().organizationId();
        this.followUps = followUps;
    }

    /** Forgets the marks of other rows and reads these. */
    public void load(Collection<InvoiceId> rows) {
        glances.clear();
        glances.putAll(followUps.glance(organization, rows));
    }

    /** Reads these rows' marks again (after a send), keeping the others. */
    public void reload(Collection<InvoiceId> rows) {
        rows.forEach(glances::remove);
        glances.putAll(followUps.glance(organization, rows));
    }

    /** The icon name, or "" for no mark. */
    public String icon(InvoiceId invoice) {
        var glance = glances.get(invoice);
        if (glance == null) {
            return "";
        }
        if (glance.failed()) {
            return "vaadin:exclamation-circle-o";
        }
        return glance.reminded().isPresent() ? "vaadin:bell-o" : glance.linkSent().isPresent() ? "vaadin:envelope-o" : "";
    }

    /** The latest successful send's date, short ("12/5"). */
    public String shortText(InvoiceId invoice, Locale locale) {
        var glance = glances.get(invoice);
        if (glance == null) {
            return "";
        }
        var latest = glance.reminded().or(glance::linkSent);
        return latest.map(at -> DateTimeFormatter.ofPattern("M/d").format(at.atZone(ZoneOffset.UTC))).orElse("");
    }

    /** "Link emailed Dec 1, 2026 · Reminded 2 times, last Dec 5, 2026". */
    public String title(InvoiceId invoice, Component texts, Locale formatting) {
        var glance = glances.get(invoice);
        if (glance == null) {
            return "";
        }
        var dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(formatting);
        var parts = new java.util.ArrayList<String>();
        glance.linkSent().ifPresent(at -> parts.add(texts.getTranslation("sharing.mark.linkSent", format(dates, at))));
        glance.reminded().ifPresent(at -> parts.add(texts.getTranslation("sharing.mark.reminded",
                (long) glance.reminders(), format(dates, at))));
        if (glance.failed()) {
            parts.add(texts.getTranslation("sharing.mark.failed"));
        }
        return String.join(" · ", parts);
    }

    private static String format(DateTimeFormatter dates, Instant at) {
        return dates.format(at.atZone(ZoneOffset.UTC));
    }
}
