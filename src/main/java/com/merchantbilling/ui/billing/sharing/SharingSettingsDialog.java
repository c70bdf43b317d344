package com.merchantbilling.ui.billing.sharing;

import java.util.OptionalInt;

import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.sharing.BuyerLanguage;
import com.merchantbilling.sharing.SharingSettings;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;

/** The organization's email settings: default buyer language and the automatic reminder (off by default). */
class SharingSettingsDialog extends Dialog {

    SharingSettingsDialog(OrganizationId organization, SharingSettings settings) {
        var current = settings.find(organization);
        setHeaderTitle(getTranslation("sharing.settings.title"));
        setId("email-settings-dialog");
        var language = new Select<BuyerLanguage>();
        language.setId("email-settings-language");
        language.setLabel(getTranslation("sharing.settings.defaultLanguage"));
        language.setItems(BuyerLanguage.values());
        language.setItemLabelGenerator(l -> getTranslation("sharing.language." + l.name()));
        language.setValue(current.defaultLanguage());
        var automatic = new Checkbox(getTranslation("sharing.settings.automatic"));
        automatic.setId("email-settings-automatic");
        automatic.setValue(current.reminderAfterDays().isPresent());
        var days = new IntegerField(getTranslation("sharing.settings.days"));
        days.setId("email-settings-days");
        days.setMin(1);
        days.setMax(365);
        days.setStepButtonsVisible(true);
        days.setValue(current.reminderAfterDays().isPresent() ? current.reminderAfterDays().getAsInt() : 7);
        days.setEnabled(automatic.getValue());
        automatic.addValueChangeListener(change -> days.setEnabled(change.getValue()));
        add(new FormLayout(language, automatic, days));

        var save = new Button(getTranslation("sharing.settings.save"), click -> {
            if (automatic.getValue() && (days.getValue() == null || days.getValue() < 1 || days.getValue() > 365)) {
                days.setInvalid(true);
                days.setErrorMessage(getTranslation("sharing.settings.daysInvalid"));
                return;
            }
            // role: owner
            settings.save(organization, new SharingSettings.Settings(language.getValue(),
                    automatic.getValue() ? OptionalInt.of(days.getValue()) : OptionalInt.empty()));
            Notification.show(getTranslation("sharing.settings.saved"), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            close();
        });
        save.setId("email-settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("action.cancel"), click -> close()), save);
    }
}
