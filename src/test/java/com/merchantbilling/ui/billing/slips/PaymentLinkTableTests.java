package com.merchantbilling.ui.billing.slips;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.InvoiceId;
import com.merchantbilling.invoicing.Money;
import com.merchantbilling.invoicing.OnlinePaymentStatus;

class PaymentLinkTableTests {

    static final PaymentLinkTable.Header HEADER = new PaymentLinkTable.Header("Invoice Number", "Buyer", "Amount",
            "Due Date", "Payment Link URL");

    @Test
    void headerThenOneRowPerLinkedInvoiceWithFiveCells() {
        var tsv = PaymentLinkTable.tsv(HEADER, List.of(
                invoice(1, "ST-1", "Aoki Foods", 150000, "USD", "https://buy.stripe.com/a"),
                invoice(2, "ST-2", "Kato", 1200, "JPY", "https://buy.stripe.com/b")), Locale.US);

        assertThat(tsv).isEqualTo("""
                Invoice Number\tBuyer\tAmount\tDue Date\tPayment Link URL
                ST-1\tAoki Foods\tUSD 1,500.00\t2027-01-31\thttps://buy.stripe.com/a
                ST-2\tKato\tJPY 1,200\t2027-01-31\thttps://buy.stripe.com/b
                """);
    }

    @Test
    void tabsAndLineBreaksInABuyerNameDoNotBreakTheRow() {
        var tsv = PaymentLinkTable.tsv(HEADER, List.of(
                invoice(1, "ST-1", "Aoki\tFoods\r\nKyoto\u2028branch\n", 100, "USD", "https://buy.stripe.com/a")),
                Locale.US);

        var rows = tsv.split("\n");
        assertThat(rows).hasSize(2);
        assertThat(rows[1].split("\t", -1)).containsExactly("ST-1", "Aoki Foods Kyoto branch", "USD 1.00", "2027-01-31",
                "https://buy.stripe.com/a");
    }

    @Test
    void invoicesWithoutALinkHaveNoRow() {
        var tsv = PaymentLinkTable.tsv(HEADER, List.of(invoice(1, "ST-1", "Aoki", 100, "USD", null),
                invoice(2, "ST-2", "Kato", 100, "USD", "https://buy.stripe.com/b")), Locale.US);

        assertThat(tsv.split("\n")).hasSize(2);
        assertThat(tsv).doesNotContain("ST-1").contains("ST-2");
    }

    @Test
    void amountsFollowTheLanguage() {
        var tsv = PaymentLinkTable.tsv(HEADER, List.of(invoice(1, "ST-1", "青木商店", 123456, "EUR", "https://buy.stripe.com/a")),
                Locale.JAPAN);

        assertThat(tsv.split("\n")[1]).isEqualTo("ST-1\t青木商店\tEUR 1,234.56\t2027-01-31\thttps://buy.stripe.com/a");
    }

    static BillingInvoice invoice(long id, String number, String buyer, long amount, String currency, String url) {
        return new BillingInvoice(new InvoiceId(id), number, buyer, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31),
                Money.of(amount, currency), url == null ? OnlinePaymentStatus.NOT_CREATED : OnlinePaymentStatus.PENDING_PAYMENT,
                Optional.ofNullable(url), Optional.empty(), Optional.empty(), Set.of(), Optional.empty());
    }
}
