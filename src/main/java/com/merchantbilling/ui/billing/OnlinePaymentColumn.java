package com.merchantbilling.ui.billing;

import static com.merchantbilling.ui.billing.Notices.count;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.PaidDetails;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.data.renderer.LitRenderer;

/**
 * The Online Payment column's cell: status text, and for a created link a button that copies its URL in
 * the browser itself (the clipboard accepts writes only during the user's click, which a server round trip
 * would outlive), and for a pending payment a button that asks Stripe now.
 */
final class OnlinePaymentColumn {

    private final Component texts;
    private final Locale formatting;
    private final Consumer<BillingInvoice> checkPayment;

    /** {@code texts} is the component whose locale the texts are in. */
    OnlinePaymentColumn(Component texts, Locale formatting, Consumer<BillingInvoice> checkPayment) {
        this.texts = texts;
        this.formatting = formatting;
        this.checkPayment = checkPayment;
    }

    LitRenderer<BillingInvoice> renderer() {
        var checkAmount = text("payment.checkAmount");
        var copyLabel = text("payment.copyUrl");
        var checkLabel = text("payment.check");
        var checkHint = text("payment.check.hint");
        return LitRenderer.<BillingInvoice>of("""
                        <span class="online-payment online-payment-${item.statusClass}" title="${item.detail}">${item.status}</span>
                        <span class="payment-attention" ?hidden="${!item.attention}" title="${item.detail}">${item.checkAmount}</span>
                        <vaadin-button theme="tertiary icon small" class="copy-payment-link" ?hidden="${!item.url}"
                            title="${item.copyLabel}" aria-label="${item.copyLabel}" data-url="${item.url}"
                            @click="${e => { e.stopPropagation(); navigator.clipboard.writeText(item.url).then(() => copied(), () => copyFailed()); }}"
                            ><vaadin-icon icon="vaadin:copy-o"></vaadin-icon></vaadin-button>
                        <vaadin-button theme="tertiary icon small" class="check-payment" ?hidden="${!item.pending}"
                            title="${item.checkHint}" aria-label="${item.checkLabel}" @click="${e => { e.stopPropagation(); checkPayment(); }}"
                            ><vaadin-icon icon="vaadin:refresh"></vaadin-icon></vaadin-button>""")
                .withProperty("status", invoice -> text("status." + invoice.onlinePayment().name()))
                .withProperty("statusClass", invoice -> invoice.onlinePayment().name().toLowerCase(Locale.ROOT))
                .withProperty("detail", this::statusDetail)
                .withProperty("attention", invoice -> invoice.paid().map(PaidDetails::needsAttention).orElse(false))
                .withProperty("pending", invoice -> invoice.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT)
                .withProperty("checkAmount", invoice -> checkAmount)
                .withProperty("copyLabel", invoice -> copyLabel)
                .withProperty("checkLabel", invoice -> checkLabel)
                .withProperty("checkHint", invoice -> checkHint)
                .withFunction("checkPayment", checkPayment::accept)
                .withProperty("url", invoice -> invoice.paymentLinkUrl().orElse(""))
                .withFunction("copied", invoice -> Notices.show(text("payment.copied", invoice.invoiceNumber()),
                        NotificationVariant.LUMO_SUCCESS))
                .withFunction("copyFailed", invoice -> Notices.show(text("payment.copyFailed",
                        invoice.invoiceNumber(), invoice.paymentLinkUrl().orElse("")), NotificationVariant.LUMO_WARNING));
    }

    /** The failure Stripe reported (in its own words), or when and how much was paid. */
    String statusDetail(BillingInvoice invoice) {
        if (invoice.paymentLinkFailure().isPresent()) {
            return invoice.paymentLinkFailure().get();
        }
        return invoice.paid().map(paid -> text("payment.detail.paid", paid.paidAmount().format(formatting),
                        DateTimeFormatter.ISO_LOCAL_DATE.format(paid.paidAt().atZone(ZoneOffset.UTC)))
                + (paid.amountDiffers() ? text("payment.detail.amountDiffers") : "")
                + (paid.paymentCount() > 1 ? text("payment.detail.paidTimes", count(paid.paymentCount())) : ""))
                .orElse("");
    }

    private String text(String key, Object... params) {
        return texts.getTranslation(key, params);
    }
}
