package com.merchantbilling.ui.billing.slips;

import java.util.List;

import com.merchantbilling.invoicing.BillingInvoice;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.streams.DownloadHandler;

/** An invoice's payment link as a QR code in its details: the code, its PNG to download, and its payment slip. */
public class PaymentLinkQrPanel extends Div {

    public PaymentLinkQrPanel(BillingInvoice invoice) {
        var url = invoice.paymentLinkUrl().orElseThrow(() -> new IllegalArgumentException("The invoice has no link"));
        setId("invoice-details-qr");
        addClassName("details-qr");
        var image = new Image(QrCodes.dataUrl(url), getTranslation("slips.slip.qrAlt", invoice.invoiceNumber()));
        image.setId("invoice-details-qr-image");
        image.addClassName("details-qr-image");
        image.setWidth("9rem");
        image.setHeight("9rem");

        var fileName = fileName(invoice.invoiceNumber());
        // encoded at the click: a dialog opened and never used costs no second encoding
        DownloadHandler png = event -> {
            event.setFileName(fileName);
            event.setContentType("image/png");
            event.getOutputStream().write(QrCodes.png(url));
        };
        var download = new Anchor(png, "");
        download.add(VaadinIcon.DOWNLOAD.create(), new com.vaadin.flow.component.html.Span(getTranslation("slips.qr.download")));
        download.setId("invoice-details-qr-download");

        var slip = new Anchor(PaymentSlipsView.location(List.of(invoice.id())), "");
        slip.add(VaadinIcon.PRINT.create(), new com.vaadin.flow.component.html.Span(getTranslation("slips.qr.slip")));
        slip.setTarget(AnchorTarget.BLANK);
        slip.setId("invoice-details-slip");

        var links = new Div(download, slip);
        links.addClassName("details-qr-links");
        links.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        getStyle().set("display", "flex").set("align-items", "center").set("gap", "var(--lumo-space-m)");
        add(image, links);
    }

    /** "ST-0001-payment-link-qr.png": the invoice number with what a file name cannot hold replaced. */
    static String fileName(String invoiceNumber) {
        return invoiceNumber.replaceAll("[^\\p{L}\\p{N}._-]+", "_") + "-payment-link-qr.png";
    }
}
