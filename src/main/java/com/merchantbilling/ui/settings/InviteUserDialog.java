package com.merchantbilling.ui.settings;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.OrganizationUsers;
import com.merchantbilling.organizations.OrganizationUsers.UserChangeException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Invite a user: e-mail, display name, role. Every field says what is wrong with it (empty, too long, not an
 * address, already an account, no role) before anything is stored; then the dialog shows the one-time link the
 * invited user opens to choose a password. No mail is sent yet: the Owner passes the link on.
 */
class InviteUserDialog extends Dialog {

    /** Invites and returns the one-time link; throws {@link UserChangeException} for bad input. */
    @FunctionalInterface
    interface Invite {
        String invite(String email, String displayName, MerchantRole role);
    }

    private final EmailField email = new EmailField();
    private final TextField displayName = new TextField();
    private final Select<MerchantRole> role;
    private final Invite invite;

    InviteUserDialog(Invite invite) {
        this.invite = invite;
        setId("invite-dialog");
        setHeaderTitle(getTranslation("users.invite.title"));
        email.setId("invite-email");
        email.setLabel(getTranslation("users.column.email"));
        email.setMaxLength(OrganizationUsers.MAX_EMAIL_LENGTH + 1);
        email.setWidthFull();
        displayName.setId("invite-display-name");
        displayName.setLabel(getTranslation("users.column.displayName"));
        displayName.setMaxLength(OrganizationUsers.MAX_DISPLAY_NAME_LENGTH + 1);
        role = UsersView.roles(this);
        role.setId("invite-role");
        role.setLabel(getTranslation("users.column.role"));
        role.setHelperText(getTranslation("users.invite.roleHelp"));
        var form = new FormLayout(email, displayName, role);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);
        setWidth("32em");
        var cancel = new Button(getTranslation("users.cancel"), click -> close());
        cancel.setId("invite-cancel");
        var send = new Button(getTranslation("users.invite.send"), click -> send());
        send.setId("invite-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(cancel, send);
    }

    private void send() {
        email.setInvalid(false);
        displayName.setInvalid(false);
        role.setInvalid(false);
        try {
            String link = invite.invite(email.getValue(), displayName.getValue(), role.getValue());
            showLink(link);
        } catch (UserChangeException e) {
            String message = getTranslation("users.problem." + e.problem().name());
            switch (e.problem()) {
                case EMAIL_EMPTY, EMAIL_TOO_LONG, EMAIL_INVALID, EMAIL_TAKEN -> invalid(email, message);
                case DISPLAY_NAME_EMPTY, DISPLAY_NAME_TOO_LONG -> invalid(displayName, message);
                case ROLE_MISSING -> {
                    role.setErrorMessage(message);
                    role.setInvalid(true);
                }
                default -> invalid(email, message);
            }
        }
    }

    private void invalid(EmailField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void invalid(TextField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void showLink(String link) {
        removeAll();
        getFooter().removeAll();
        setHeaderTitle(getTranslation("users.invite.sentTitle"));
        var text = new Paragraph(getTranslation("users.invite.sentText", email.getValue().strip(),
                OrganizationUsers.INVITATION_DAYS));
        var field = new TextField(getTranslation("users.invite.link"));
        field.setId("invitation-link");
        field.setValue(link);
        field.setReadOnly(true);
        field.setWidthFull();
        add(text, field);
        var done = new Button(getTranslation("users.invite.done"), click -> close());
        done.setId("invite-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
    }
}
