package com.merchantbilling.support;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

/**
 * The language of a browserless test's UI, as the language switch sets it. A browserless session starts in the
 * test JVM's default locale, so tests that read English texts say so: they then pass on a Japanese machine too.
 */
public final class UiLanguage {

    private UiLanguage() {
    }

    public static void english() {
        use(Locale.ENGLISH);
    }

    /** For the current (mock) session and UI; call before navigating. */
    public static void use(Locale locale) {
        VaadinSession.getCurrent().setLocale(locale);
        UI.getCurrent().setLocale(locale);
    }
}
