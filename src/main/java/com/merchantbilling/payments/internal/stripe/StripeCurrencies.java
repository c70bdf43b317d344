package com.merchantbilling.payments.internal.stripe;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe's own view of currencies. Stripe takes amounts in the currency's smallest unit, and for a few
 * currencies its idea of that unit differs from ISO 4217, so the table is explicit rather than derived
 * from {@link Currency#getDefaultFractionDigits()}.
 */
public final class StripeCurrencies {

    /** Stripe's zero-decimal currencies: the amount is sent as-is (JPY 1500 is 1500). */
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    /** Three-decimal currencies: Stripe wants the last digit 0, which our minor units may not satisfy. */
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeCurrencies() {
    }

    /**
     * The amount Stripe expects for an amount in ISO minor units.
     *
     * @throws UnsupportedCurrencyException where Stripe's unit and ours cannot be reconciled exactly
     */
    public static long toStripeAmount(long isoMinorUnits, Currency currency) {
        String code = currency.getCurrencyCode();
        int isoDigits = currency.getDefaultFractionDigits();
        if (ZERO_DECIMAL.contains(code)) {
            if (isoDigits != 0) {
                // e.g. ISO gives some of these minor units Stripe does not use
                throw new UnsupportedCurrencyException(code, "Stripe bills " + code + " without decimals");
            }
            return isoMinorUnits;
        }
        if (THREE_DECIMAL.contains(code)) {
            throw new UnsupportedCurrencyException(code, "Stripe's rounding rules for " + code + " are not supported");
        }
        if (isoDigits != 2) {
            throw new UnsupportedCurrencyException(code, "Stripe expects two decimals for " + code);
        }
        return isoMinorUnits;
    }

    /** Stripe's currency parameter: the ISO code in lower case. */
    public static String code(Currency currency) {
        return currency.getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    public static class UnsupportedCurrencyException extends IllegalArgumentException {

        public UnsupportedCurrencyException(String code, String reason) {
            super("Currency " + code + " is not supported for payment links: " + reason);
        }
    }
}
