package com.merchantbilling.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void formatsWithTheCurrencysOwnDecimals() {
        assertThat(Money.of(1500, "JPY").format(Locale.US)).isEqualTo("JPY 1,500");
        assertThat(Money.of(123456, "USD").format(Locale.US)).isEqualTo("USD 1,234.56");
        assertThat(Money.of(-250, "EUR").format(Locale.US)).isEqualTo("EUR -2.50");
        assertThat(Money.of(0, "usd").format(Locale.US)).isEqualTo("USD 0.00");
    }

    @Test
    void convertsToMajorUnitsExactly() {
        assertThat(Money.of(1234, "USD").toMajorUnits()).isEqualByComparingTo(new BigDecimal("12.34"));
        assertThat(Money.of(1500, "JPY").toMajorUnits()).isEqualByComparingTo(new BigDecimal("1500"));
    }

    @Test
    void rejectsUnknownCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "XAU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no minor unit");
    }
}
