package com.merchantbilling.ui.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

/**
 * Every text the views show, from i18n/messages*.properties (not Vaadin's vaadin-i18n/ folder, whose
 * automatic provider would also start in module tests without the ui module): English (the base bundle, and the
 * fallback for any other locale) and Japanese. Vaadin uses this bean for {@code getTranslation} and picks
 * the first session locale from the browser's languages among {@link #getProvidedLocales()}.
 */
@Component
public class UiTranslations implements I18NProvider {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale JAPANESE = Locale.JAPANESE;
    private static final String BUNDLE = "i18n.messages";
    private static final Logger log = LoggerFactory.getLogger(UiTranslations.class);
    // without this, a missing key in a language falls back to the JVM's default locale's bundle, not English
    private static final ResourceBundle.Control NO_JVM_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(ENGLISH, JAPANESE);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        var language = supported(locale);
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, language, NO_JVM_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            log.warn("No text for key '{}' ({})", key, language);
            return "!" + key;
        }
        return params.length == 0 ? pattern : new MessageFormat(pattern, language).format(params);
    }

    /**
     * The locale dates and amounts are formatted with: Japan for Japanese, the United States for English
     * (the English texts were always formatted that way: "Nov 2, 2026", "USD 1,234.50").
     */
    public static Locale formatting(Locale locale) {
        return supported(locale) == JAPANESE ? Locale.JAPAN : Locale.US;
    }

    /** Japanese for any Japanese locale (ja, ja-JP), English for everything else. */
    public static Locale supported(Locale locale) {
        return locale != null && JAPANESE.getLanguage().equals(locale.getLanguage()) ? JAPANESE : ENGLISH;
    }
}
