package com.merchantbilling.invoicing.internal.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoiceNumberIncrementTests {

    @Test
    void keepsThePatternAndTheWidth() {
        assertThat(InvoiceNumberService.increment("ST-2026-0099")).isEqualTo("ST-2026-0100");
        assertThat(InvoiceNumberService.increment("INV-0001")).isEqualTo("INV-0002");
        assertThat(InvoiceNumberService.increment("A9")).isEqualTo("A10");
        assertThat(InvoiceNumberService.increment("2026/007/B")).isEqualTo("2026/008/B");
        assertThat(InvoiceNumberService.increment("X")).isEqualTo("X-1");
    }
}
