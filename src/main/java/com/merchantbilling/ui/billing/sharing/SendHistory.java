package com.merchantbilling.ui.billing.sharing;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.FollowUps;
import com.merchantbilling.sharing.FollowUps.HistoryEntry;
import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.spring.annotation.SpringComponent;

/** The invoice details' "Emails to the buyer": every send and failure of the sharing module's send log. */
@SpringComponent
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class SendHistory {

    private final OrganizationId organization;
    private final FollowUps followUps;

    SendHistory(com.vaadin.flow.spring.security.AuthenticationContext authentication, FollowUps followUps) {
        this.organization = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow().organizationId();
        this.followUps = followUps;
    }

    public Component of(InvoiceId invoice, Component texts) {
        var entries = followUps.history(organization, invoice);
        var times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(UiTranslations.formatting(com.vaadin.flow.component.UI.getCurrent().getLocale())).withZone(ZoneOffset.UTC);
        var section = new Div(new H4(texts.getTranslation("sharing.history.title")));
        section.setId("invoice-details-emails");
        if (entries.isEmpty()) {
            section.add(new Span(texts.getTranslation("sharing.history.none")));
            return section;
        }
        var grid = new Grid<HistoryEntry>();
        grid.setId("invoice-details-email-history");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(e -> times.format(e.occurredAt())).setHeader(texts.getTranslation("audit.when")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> texts.getTranslation("sharing.history.kind." + e.kind().name())
                        + (e.automatic() ? " (" + texts.getTranslation("sharing.history.automatic") + ")" : ""))
                .setHeader(texts.getTranslation("audit.what")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.recipient() + " · " + e.language().code()).setHeader(texts.getTranslation("sharing.email"))
                .setFlexGrow(1);
        grid.addColumn(e -> texts.getTranslation("sharing.result." + com.merchantbilling.sharing.BuyerMessages.Result.from(e.status()).name())
                        + e.detail().map(d -> ": " + d).orElse(""))
                .setHeader(texts.getTranslation("sharing.result")).setFlexGrow(1);
        grid.addColumn(HistoryEntry::by).setHeader(texts.getTranslation("audit.who")).setAutoWidth(true).setFlexGrow(0);
        grid.setItems(entries);
        grid.setAllRowsVisible(true);
        section.add(grid);
        return section;
    }
}
