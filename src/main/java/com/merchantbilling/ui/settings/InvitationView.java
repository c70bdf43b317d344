package com.merchantbilling.ui.settings;

import com.merchantbilling.organizations.OrganizationUsers;
import com.merchantbilling.organizations.OrganizationUsers.UserChangeException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Where an invited user's one-time link leads ({@code /invitation/<token>}): they choose their password (at least
 * 12 characters, not a common one, not their name) and can sign in. An unknown, used or expired link says so and
 * nothing else: it does not tell whose it was.
 */
@Route(value = "invitation/:token", autoLayout = false)
@AnonymousAllowed
public class InvitationView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final OrganizationUsers users;
    private final PasswordField password = new PasswordField();
    private final PasswordField repeat = new PasswordField();
    private String token;

    public InvitationView(OrganizationUsers users) {
        this.users = users;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        removeAll();
        add(new H1(getTranslation("app.name")));
        var invitation = users.invitation(token);
        if (invitation.isEmpty()) {
            var gone = new Paragraph(getTranslation("invitation.invalid"));
            gone.setId("invitation-invalid");
            add(gone, new Anchor("login", getTranslation("invitation.toLogin")));
            return;
        }
        var welcome = new Paragraph(getTranslation("invitation.welcome", invitation.get().displayName(),
                invitation.get().email()));
        welcome.setId("invitation-welcome");
        password.setId("invitation-password");
        password.setLabel(getTranslation("invitation.password"));
        password.setHelperText(getTranslation("invitation.passwordHelp"));
        password.setWidth("22em");
        repeat.setId("invitation-repeat");
        repeat.setLabel(getTranslation("invitation.repeat"));
        repeat.setWidth("22em");
        var save = new Button(getTranslation("invitation.save"), click -> save());
        save.setId("invitation-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(welcome, password, repeat, save);
    }

    private void save() {
        password.setInvalid(false);
        repeat.setInvalid(false);
        if (!password.getValue().equals(repeat.getValue())) {
            repeat.setErrorMessage(getTranslation("invitation.mismatch"));
            repeat.setInvalid(true);
            return;
        }
        try {
            users.acceptInvitation(token, password.getValue());
        } catch (UserChangeException e) {
            password.setErrorMessage(e.passwordProblem()
                    .map(problem -> getTranslation("password.problem." + problem.name()))
                    .orElseGet(() -> getTranslation("users.problem." + e.problem().name())));
            password.setInvalid(true);
            return;
        }
        removeAll();
        var done = new Paragraph(getTranslation("invitation.done"));
        done.setId("invitation-done");
        add(new H1(getTranslation("app.name")), done, new Anchor("login", getTranslation("invitation.toLogin")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("invitation.pageTitle");
    }
}
