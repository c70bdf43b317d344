package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class MajorUnitsTests {

    static final Currency USD = Currency.getInstance("USD");
    static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void convertsExactlyUsingTheCurrencysDigits() {
        assertThat(MajorUnits.toMoney(new BigDecimal("12.34"), USD)).isEqualTo(Money.of(1234, "USD"));
        assertThat(MajorUnits.toMoney(new BigDecimal("0.1"), USD)).isEqualTo(Money.of(10, "USD"));
        assertThat(MajorUnits.toMoney(new BigDecimal("1500"), JPY)).isEqualTo(Money.of(1500, "JPY"));
        assertThat(MajorUnits.toMoney(new BigDecimal("1500.00"), JPY)).isEqualTo(Money.of(1500, "JPY"));
        assertThat(MajorUnits.parse("-3.50", USD)).isEqualTo(Money.of(-350, "USD"));
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatIllegalArgumentException().isThrownBy(() -> MajorUnits.toMoney(new BigDecimal("12.345"), USD))
                .withMessage("USD amounts have at most 2 decimals");
        assertThatIllegalArgumentException().isThrownBy(() -> MajorUnits.parse("1500.5", JPY))
                .withMessage("JPY amounts have no decimals");
        assertThatIllegalArgumentException().isThrownBy(() -> MajorUnits.parse("1,500", JPY))
                .withMessageContaining("is not a decimal amount");
        assertThatIllegalArgumentException().isThrownBy(() -> MajorUnits.parse("1e3", JPY));
    }

    @Test
    void lineItemsAddUpInMinorUnits() {
        var lines = java.util.List.of(new InvoiceLineItem("Tea", 3, Money.of(1999, "USD")),
                new InvoiceLineItem("Discount", 1, Money.of(-500, "USD")));
        assertThat(InvoiceLineItem.total(lines, USD)).isEqualTo(Money.of(5497, "USD"));
        assertThatIllegalArgumentException().isThrownBy(() -> new InvoiceLineItem("Tea", 0, Money.of(1, "USD")));
    }
}
