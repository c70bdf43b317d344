package com.merchantbilling.stripesandbox.internal;

import java.util.Set;

/**
 * The presentment currencies Stripe accepts, and how many decimals each has in Stripe's minor units. An
 * explicit table rather than java.util.Currency: Stripe's list and its zero-decimal rules differ from ISO's.
 */
public final class Currencies {

    private static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw",
            "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");

    private static final Set<String> TWO_DECIMAL = Set.of("usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars",
            "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn",
            "bzd", "cad", "cdf", "chf", "cny", "cop", "crc", "cve", "czk", "dkk", "dop", "dzd", "egp", "etb",
            "eur", "fjd", "fkp", "gbp", "gel", "gip", "gmd", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr",
            "ils", "inr", "isk", "jmd", "kes", "kgs", "khr", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl",
            "mad", "mdl", "mkd", "mmk", "mnt", "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn",
            "nio", "nok", "npr", "nzd", "pab", "pen", "pgk", "php", "pkr", "pln", "qar", "ron", "rsd", "rub",
            "sar", "sbd", "scr", "sek", "sgd", "shp", "sle", "sos", "srd", "std", "szl", "thb", "tjs", "top",
            "try", "ttd", "twd", "tzs", "uah", "uyu", "uzs", "wst", "xcd", "yer", "zar", "zmw");

    private Currencies() {
    }

    /** Only the lower-case code: Stripe documents currencies as lower-case and returns them that way. */
    public static boolean isSupported(String code) {
        return code != null && (TWO_DECIMAL.contains(code) || ZERO_DECIMAL.contains(code)
                || THREE_DECIMAL.contains(code));
    }

    public static int decimals(String code) {
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        return THREE_DECIMAL.contains(code) ? 3 : 2;
    }
}
