package com.merchantbilling.invoicing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount in the currency's minor units (cents for USD, yen for JPY): never a floating point number.
 */
public record Money(long minorUnits, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit and cannot be billed");
        }
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT)));
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** The amount in major units, exact: 1234 USD minor units are 12.34. */
    public BigDecimal toMajorUnits() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    /** "USD 1,234.50", "JPY 15,000": grouped, with exactly the currency's decimals. */
    public String format(Locale locale) {
        int digits = currency.getDefaultFractionDigits();
        var format = java.text.NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return currency.getCurrencyCode() + " " + format.format(toMajorUnits());
    }

    @Override
    public String toString() {
        return format(Locale.ROOT);
    }
}
