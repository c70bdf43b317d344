package com.merchantbilling.ui.login;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(loginTexts());
        var title = new H1(getTranslation("app.name"));
        var hint = new Paragraph(getTranslation("login.hint"));
        hint.addClassName("login-hint");
        add(title, hint, login);
    }

    /** The login form's own texts, in the session's language. */
    private LoginI18n loginTexts() {
        var i18n = LoginI18n.createDefault();
        var form = i18n.getForm();
        form.setTitle(getTranslation("login.form.title"));
        form.setUsername(getTranslation("login.form.username"));
        form.setPassword(getTranslation("login.form.password"));
        form.setSubmit(getTranslation("login.form.submit"));
        form.setForgotPassword(getTranslation("login.form.forgotPassword"));
        var error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.message"));
        error.setUsername(getTranslation("login.error.username"));
        error.setPassword(getTranslation("login.error.password"));
        return i18n;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.pageTitle");
    }

    /**
     * {@code ?error}: a wrong username or password (one message for both, so it tells nobody which names exist);
     * {@code ?throttled=<seconds>}: too many failed attempts for this username or from this address.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("throttled")) {
            var i18n = loginTexts();
            i18n.getErrorMessage().setTitle(getTranslation("login.throttled.title"));
            i18n.getErrorMessage().setMessage(getTranslation("login.throttled.message",
                    seconds(parameters.get("throttled"))));
            login.setI18n(i18n);
            login.setError(true);
            login.setId("login-throttled");
            return;
        }
        login.setError(parameters.containsKey("error"));
    }

    private static String seconds(java.util.List<String> values) {
        try {
            return Long.toString(Math.max(1, Long.parseLong(values.getFirst())));
        } catch (RuntimeException e) {
            return "60";
        }
    }
}
