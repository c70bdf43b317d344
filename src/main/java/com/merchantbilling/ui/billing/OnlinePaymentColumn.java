package com.merchantbilling.ui.billing;

import static com.merchantbilling.ui.billing.Notices.count;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
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

    /** A Paid invoice is checked for refunds and disputes too. */
    private static final Set<OnlinePaymentStatus> CHECKABLE = EnumSet.of(OnlinePaymentStatus.PENDING_PAYMENT,
            OnlinePaymentStatus.PAID);
    /** The status as a CSS class suffix; one string per status, not a new one per row. */
    private static final Map<OnlinePaymentStatus, String> STATUS_CLASSES = Arrays.stream(OnlinePaymentStatus.values())
            .collect(Collectors.toUnmodifiableMap(Function.identity(), status -> status.name().toLowerCase(Locale.ROOT)));

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
        // the labels are the same in every row: written into the template once (LitTemplateText), not sent with
        // each row
        var copyLabel = LitTemplateText.of(text("payment.copyUrl"));
        var checkLabel = LitTemplateText.of(text("payment.check"));
        var checkHint = LitTemplateText.of(text("payment.check.hint"));
        var copyShort = LitTemplateText.of(text("payment.copyShort"));
        var checkShort = LitTemplateText.of(text("payment.checkShort"));
        // labelled buttons where the column has room (the merchant reads "Copy link" and "Check" at a glance),
        // icons with tooltips where it has not (styles.css asks the cell's width); the cell never wraps, so every
        // row keeps one height
        return LitRenderer.<BillingInvoice>of("""
                        <div class="online-payment-cell">
                        <span class="online-payment online-payment-${item.statusClass}" title="${item.detail}">${item.status}</span>
                        <span class="payment-attention payment-flags" ?hidden="${!item.flags}" title="${item.detail}">${item.flags}</span>
                        <span class="follow-up" ?hidden="${!item.followUp}" title="${item.followUp?.title ?? ''}" aria-label="${item.followUp?.title ?? ''}"
                            ><vaadin-icon icon="${item.followUp?.icon ?? ''}"></vaadin-icon><span class="follow-up-date">${item.followUp?.text ?? ''}</span></span>
                        <vaadin-button theme="tertiary small" class="copy-payment-link" ?hidden="${!item.url}"
                            title="%1$s" aria-label="%1$s" data-url="${item.url}"
                            @click="${e => { e.stopPropagation(); navigator.clipboard.writeText(item.url).then(() => copied(), () => copyFailed()); }}"
                            ><vaadin-icon icon="vaadin:copy-o" slot="prefix"></vaadin-icon><span class="action-label">%2$s</span></vaadin-button>
                        <vaadin-button theme="tertiary small" class="check-payment" ?hidden="${!%6$s.includes(item.statusClass)}"
                            title="%3$s" aria-label="%4$s" @click="${e => { e.stopPropagation(); checkPayment(); }}"
                            ><vaadin-icon icon="vaadin:search" slot="prefix"></vaadin-icon><span class="action-label">%5$s</span></vaadin-button>
                        </div>""".formatted(copyLabel, copyShort, checkHint, checkLabel, checkShort, checkable()))
                .withProperty("status", invoice -> text("status." + invoice.onlinePayment().name()))
                .withProperty("statusClass", invoice -> STATUS_CLASSES.get(invoice.onlinePayment()))
                .withProperty("detail", this::statusDetail)
                .withProperty("flags", this::flagsText)
                // when the link was emailed and reminded (sharing): icon and short date, the whole story as tooltip;
                // one property, absent (null) for the rows without a mark
                .withProperty("followUp", this::followUp)
                .withFunction("checkPayment", checkPayment::accept)
                .withProperty("url", invoice -> invoice.paymentLinkUrl().orElse(""))
                .withFunction("copied", invoice -> Notices.show(text("payment.copied", invoice.invoiceNumber()),
                        NotificationVariant.LUMO_SUCCESS))
                .withFunction("copyFailed", invoice -> Notices.show(text("payment.copyFailed",
                        invoice.invoiceNumber(), invoice.paymentLinkUrl().orElse("")), NotificationVariant.LUMO_WARNING));
    }

    /**
     * Which rows get Check Payment, as a JavaScript array of status classes for the template (the statuses are ours,
     * so nothing needs escaping): derived from the row's status class in the browser, not sent as one more property.
     */
    private static String checkable() {
        return CHECKABLE.stream().map(status -> "'" + STATUS_CLASSES.get(status) + "'")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * The follow-up mark as the template reads it: {@code item.followUp.icon}, {@code .text}, {@code .title}. Public:
     * Vaadin's JacksonSerializer calls the accessors by reflection and may not call those of a package-private record.
     */
    public record FollowUpMark(String icon, String text, String title) {
    }

    /** The invoice's follow-up mark, or null when it has none (no email sent, or no marks in this grid). */
    FollowUpMark followUp(BillingInvoice invoice) {
        var followUps = marks.get();
        if (followUps == null) {
            return null;
        }
        var icon = followUps.icon(invoice.id());
        if (icon.isEmpty()) {
            // the text and the title are empty too then: FollowUpMarks draws nothing for such an invoice
            return null;
        }
        return new FollowUpMark(icon, followUps.shortText(invoice.id(), formatting),
                followUps.title(invoice.id(), texts, formatting));
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
