package com.merchantbilling.ui.settings;

import java.util.Locale;

import com.merchantbilling.organizations.MerchantRole;
import com.merchantbilling.organizations.MerchantUser;
import com.merchantbilling.organizations.OrganizationUsers;
import com.merchantbilling.organizations.OrganizationUsers.OrganizationUser;
import com.merchantbilling.organizations.OrganizationUsers.Status;
import com.merchantbilling.organizations.OrganizationUsers.UserChangeException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Settings > Users, for Owners: the organization's users with their role and state; invite, change the role,
 * disable or enable, remove. Every change goes through {@link OrganizationUsers}, which checks the role again and
 * keeps the last Owner; its refusal is shown beside the row's action.
 */
@Route("settings/users")
@RolesAllowed("OWNER")
public class UsersView extends VerticalLayout implements HasDynamicTitle {

    private final OrganizationUsers users;
    private final MerchantUser me;
    private final Grid<OrganizationUser> grid = new Grid<>();

    public UsersView(OrganizationUsers users, AuthenticationContext authentication) {
        this.users = users;
        this.me = authentication.getAuthenticatedUser(MerchantUser.class).orElseThrow();
        setSizeFull();
        var title = new H2(getTranslation("users.title"));
        var intro = new Paragraph(getTranslation("users.intro"));
        intro.addClassName("users-intro");
        var invite = new Button(getTranslation("users.invite.button"), VaadinIcon.PLUS.create(), click -> openInvite());
        invite.setId("invite-user");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(title, invite);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.expand(title);

        grid.setId("users-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(OrganizationUser::email).setHeader(getTranslation("users.column.signIn")).setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(OrganizationUser::displayName).setHeader(getTranslation("users.column.displayName"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::roleSelect).setHeader(getTranslation("users.column.role")).setWidth("13em")
                .setFlexGrow(0);
        grid.addComponentColumn(this::status).setHeader(getTranslation("users.column.status")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("users.column.actions")).setAutoWidth(true)
                .setFlexGrow(0);
        add(header, intro, grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(users.list(me.organizationId()));
    }

    private Select<MerchantRole> roleSelect(OrganizationUser user) {
        var select = roles(this);
        select.setValue(user.role());
        select.setId("role-" + user.id());
        select.setAriaLabel(getTranslation("users.column.role") + " " + user.email());
        select.addValueChangeListener(change -> {
            if (!change.isFromClient() || change.getValue() == null) {
                return;
            }
            change(() -> users.changeRole(me.organizationId(), user.id(), change.getValue()),
                    getTranslation("users.changed.role", user.email(), roleName(this, change.getValue())));
        });
        return select;
    }

    private Span status(OrganizationUser user) {
        var status = new Span(getTranslation("users.status." + user.status().name()));
        status.getElement().getThemeList().add("badge" + switch (user.status()) {
            case ACTIVE -> " success";
            case INVITED -> "";
            case DISABLED -> " contrast";
        });
        return status;
    }

    private HorizontalLayout actions(OrganizationUser user) {
        var toggle = user.status() == Status.DISABLED
                ? new Button(getTranslation("users.enable"), click -> change(
                        () -> users.enable(me.organizationId(), user.id()), getTranslation("users.changed.enabled",
                                user.email())))
                : new Button(getTranslation("users.disable"), click -> change(
                        () -> users.disable(me.organizationId(), user.id()), getTranslation("users.changed.disabled",
                                user.email())));
        toggle.setId((user.status() == Status.DISABLED ? "enable-" : "disable-") + user.id());
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        var remove = new Button(getTranslation("users.remove"), click -> confirmRemove(user));
        remove.setId("remove-" + user.id());
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        var row = new HorizontalLayout(toggle, remove);
        row.setSpacing(false);
        return row;
    }

    private void confirmRemove(OrganizationUser user) {
        var confirm = new ConfirmDialog(getTranslation("users.remove.title"),
                getTranslation("users.remove.text", user.email()), getTranslation("users.remove"),
                yes -> change(() -> users.remove(me.organizationId(), user.id()),
                        getTranslation("users.changed.removed", user.email())));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("users.cancel"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    /** Runs the change; a refusal (the last Owner, a user removed meanwhile) is shown and the grid redrawn. */
    private void change(Runnable change, String done) {
        try {
            change.run();
            notice(done, NotificationVariant.LUMO_SUCCESS);
        } catch (UserChangeException e) {
            notice(getTranslation("users.problem." + e.problem().name()), NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void openInvite() {
        var dialog = new InviteUserDialog((email, name, role) -> {
            var invitation = users.invite(me.organizationId(), email, name, role);
            refresh();
            return invitationLink(invitation.token());
        });
        dialog.open();
    }

    /** The one-time link on the address the Owner uses now (behind a proxy, the forwarded one). */
    private static String invitationLink(String token) {
        var request = VaadinServletRequest.getCurrent().getHttpServletRequest();
        int port = request.getServerPort();
        boolean defaultPort = "https".equals(request.getScheme()) ? port == 443 : port == 80;
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
                + request.getContextPath() + "/invitation/" + token;
    }

    private static void notice(String text, NotificationVariant variant) {
        var notification = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(variant);
    }

    static Select<MerchantRole> roles(com.vaadin.flow.component.Component translator) {
        var select = new Select<MerchantRole>();
        select.setItems(MerchantRole.values());
        select.setItemLabelGenerator(role -> roleName(translator, role));
        return select;
    }

    static String roleName(com.vaadin.flow.component.Component translator, MerchantRole role) {
        return translator.getTranslation("role." + role.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("users.pageTitle");
    }
}
