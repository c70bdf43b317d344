package com.merchantbilling.ui.billing;

import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.merchantbilling.ui.i18n.UiTranslations;
import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.internal.Routes;
import com.vaadin.flow.component.UI;

/**
 * A dialog on its own, without Spring and without any route: the test opens it, fills it in and checks the
 * events it fires. Texts come from the app's bundles (English), as in the running app.
 */
abstract class PlainDialogTestSupport extends BrowserlessTest {

    private static final String I18N_PROVIDER = "vaadin.i18n.provider";

    /** Read by Vaadin's default instantiator, in place of the Spring bean the app uses. */
    @BeforeAll
    static void appTranslations() {
        System.setProperty(I18N_PROVIDER, UiTranslations.class.getName());
    }

    @AfterAll
    static void noTranslations() {
        System.clearProperty(I18N_PROVIDER);
    }

    @Override
    protected Routes discoverRoutes() {
        return new Routes(Set.of(), Set.of(), Set.of(), true);
    }

    @BeforeEach
    void english() {
        UI.getCurrent().setLocale(Locale.ENGLISH);
    }
}
