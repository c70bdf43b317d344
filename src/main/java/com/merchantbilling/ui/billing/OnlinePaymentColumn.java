package com.merchantbilling.ui.billing;

import static com.merchantbilling.ui.billing.Notices.count;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.merchantbilling.invoicing.BillingInvoice;
import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.data.renderer.LitRenderer;

/**
 * The Online Payment column's cell: status text, and for a created link a button that copies its URL in
 * the browser itself (the clipboard accepts writes only during the user's click, which a server round trip
 * would outlive), and for a pending or paid invoice a button that asks Stripe now (payment, refunds).
 */
final class OnlinePaymentColumn {

    private final Component texts;
    private final Locale formatting;
    private final Consumer<BillingInvoice> checkPayment;
    /** The emails' follow-up marks (sharing), absent where the grid has none. */
    private final java.util.function.Supplier<com.merchantbilling.ui.billing.sharing.FollowUpMarks> marks;

    /** {@code texts} is the component whose locale the texts are in. */
    OnlinePaymentColumn(Component texts, Locale formatting, Consumer<BillingInvoice> checkPayment) {
        this(texts, formatting, checkPayment, () -> null);
    }

    OnlinePaymentColumn(Component texts, Locale formatting, Consumer<BillingInvoice> checkPayment,
            java.util.function.Supplier<com.merchantbilling.ui.billing.sharing.FollowUpMarks> marks) {
        this.texts = texts;
        this.formatting = formatting;
        this.checkPayment = checkPayment;
        this.marks = marks;
    }

    LitRenderer<BillingInvoice> renderer() {
        var copyLabel = text("payment.copyUrl");
        var checkLabel = text("payment.check");
        var checkHint = text("payment.check.hint");
        var copyShort = text("payment.copyShort");
        var checkShort = text("payment.checkShort");
        // labelled buttons where the column has room (the merchant reads "Copy link" and "Check" at a glance),
        // icons with tooltips where it has not (styles.css asks the cell's width); the cell never wraps, so every
        // row keeps one height
        return LitRenderer.<BillingInvoice>of("""
                        <div class="online-payment-cell">
                        <span class="online-payment online-payment-${item.statusClass}" title="${item.detail}">${item.status}</span>
                        <span class="payment-attention payment-flags" ?hidden="${!item.flags}" title="${item.detail}">${item.flags}</span>
                        <span class="follow-up" ?hidden="${!item.followUpIcon}" title="${item.followUpTitle}" aria-label="${item.followUpTitle}"
                            ><vaadin-icon icon="${item.followUpIcon}"></vaadin-icon><span class="follow-up-date">${item.followUpText}</span></span>
                        <vaadin-button theme="tertiary small" class="copy-payment-link" ?hidden="${!item.url}"
                            title="${item.copyLabel}" aria-label="${item.copyLabel}" data-url="${item.url}"
                            @click="${e => { e.stopPropagation(); navigator.clipboard.writeText(item.url).then(() => copied(), () => copyFailed()); }}"
                            ><vaadin-icon icon="vaadin:copy-o" slot="prefix"></vaadin-icon><span class="action-label">${item.copyShort}</span></vaadin-button>
                        <vaadin-button theme="tertiary small" class="check-payment" ?hidden="${!item.pending}"
                            title="${item.checkHint}" aria-label="${item.checkLabel}" @click="${e => { e.stopPropagation(); checkPayment(); }}"
                            ><vaadin-icon icon="vaadin:search" slot="prefix"></vaadin-icon><span class="action-label">${item.checkShort}</span></vaadin-button>
                        </div>""")
                .withProperty("status", invoice -> text("status." + invoice.onlinePayment().name()))
                .withProperty("statusClass", invoice -> invoice.onlinePayment().name().toLowerCase(Locale.ROOT))
                .withProperty("detail", this::statusDetail)
                .withProperty("flags", this::flagsText)
                // when the link was emailed and reminded (sharing): icon and short date, the whole story as tooltip
                .withProperty("followUpIcon", invoice -> marks.get() == null ? "" : marks.get().icon(invoice.id()))
                .withProperty("followUpText", invoice -> marks.get() == null ? "" : marks.get().shortText(invoice.id(), formatting))
                .withProperty("followUpTitle", invoice -> marks.get() == null ? "" : marks.get().title(invoice.id(), texts, formatting))
                // a Paid invoice is checked for refunds and disputes too
                .withProperty("pending", invoice -> invoice.onlinePayment() == OnlinePaymentStatus.PENDING_PAYMENT
                        || invoice.onlinePayment() == OnlinePaymentStatus.PAID)
                .withProperty("copyLabel", invoice -> copyLabel)
                .withProperty("copyShort", invoice -> copyShort)
                .withProperty("checkShort", invoice -> checkShort)
                .withProperty("checkLabel", invoice -> checkLabel)
                .withProperty("checkHint", invoice -> checkHint)
                .withFunction("checkPayment", checkPayment::accept)
                .withProperty("url", invoice -> invoice.paymentLinkUrl().orElse(""))
                .withFunction("copied", invoice -> Notices.show(text("payment.copied", invoice.invoiceNumber()),
                        NotificationVariant.LUMO_SUCCESS))
                .withFunction("copyFailed", invoice -> Notices.show(text("payment.copyFailed",
                        invoice.invoiceNumber(), invoice.paymentLinkUrl().orElse("")), NotificationVariant.LUMO_WARNING));
    }

    /** The flags beside the status, in the UI's language: "Refunded · Disputed". */
    String flagsText(BillingInvoice invoice) {
        return invoice.flags().stream().map(flag -> text("flag." + flag.name()))
                .collect(Collectors.joining(" · "));
    }

    /** The failure Stripe reported (in its own words), or when and how much was paid. */
    String statusDetail(BillingInvoice invoice) {
        if (invoice.paymentLinkFailure().isPresent()) {
            return invoice.paymentLinkFailure().get();
        }
        if (invoice.differingPayment().isPresent() && invoice.paid().isEmpty()) {
            return text("payment.detail.differs", invoice.differingPayment().get().format(formatting),
                    invoice.billingAmount().format(formatting));
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
