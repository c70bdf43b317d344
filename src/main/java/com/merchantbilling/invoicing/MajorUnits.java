package com.merchantbilling.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Amounts as people type them (major units, "12.34") turned into {@link Money}, exactly or not at all. */
public final class MajorUnits {

    private MajorUnits() {
    }

    /**
     * 12.34 USD is 1234 minor units, 1500 JPY is 1500. More decimals than the currency has are refused
     * (12.345 USD, 1500.5 JPY) instead of rounded; trailing zeros are fine (1500.00 JPY).
     *
     * @throws IllegalArgumentException with a message fit for the person who typed the amount
     */
    public static Money toMoney(BigDecimal amount, Currency currency) {
        if (amount == null) {
            throw new IllegalArgumentException("An amount is required");
        }
        int digits = currency.getDefaultFractionDigits();
        try {
            long minor = amount.setScale(digits, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
            return new Money(minor, currency);
        } catch (ArithmeticException e) {
            if (amount.stripTrailingZeros().scale() > digits) {
                throw new IllegalArgumentException(tooManyDecimals(currency));
            }
            throw new IllegalArgumentException("The amount " + amount.toPlainString() + " is too large");
        }
    }

    /** Parses "1234.5" (a plain decimal, dot as separator, optional minus sign) in the currency. */
    public static Money parse(String text, Currency currency) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An amount is required");
        }
        var trimmed = text.strip();
        if (!trimmed.matches("-?\\d{1,18}(\\.\\d+)?")) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a decimal amount like 1234.50");
        }
        return toMoney(new BigDecimal(trimmed), currency);
    }

    public static boolean fits(BigDecimal amount, Currency currency) {
        return amount == null || amount.stripTrailingZeros().scale() <= currency.getDefaultFractionDigits();
    }

    static String tooManyDecimals(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return digits == 0 ? currency.getCurrencyCode() + " amounts have no decimals"
                : currency.getCurrencyCode() + " amounts have at most " + digits + " decimals";
    }
}
