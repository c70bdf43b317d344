package com.merchantbilling.sharing;

import java.util.Locale;

/** The languages buyers' emails are written in (templates under src/main/resources/mail). */
public enum BuyerLanguage {
    EN, JA;

    public Locale locale() {
        return this == JA ? Locale.JAPAN : Locale.US;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BuyerLanguage ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
