package com.merchantbilling.stripesandbox.internal.checkout;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.FormEncoding;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;

/**
 * The hosted checkout page under {@code /checkout}: the form of a link ({@code GET /checkout/{linkId}}), the
 * payment ({@code POST} to the same path) and the receipt ({@code GET /checkout/{linkId}/receipt/{sessionId}}).
 */
public final class CheckoutPageHandler {

    private static final Pattern CHECKOUT_PATH = Pattern.compile("/checkout/([A-Za-z0-9_]+)");
    private static final Pattern RECEIPT_PATH = Pattern.compile("/checkout/([A-Za-z0-9_]+)/receipt/([A-Za-z0-9_]+)");

    private final SandboxStore store;
    private final HostedCheckout checkout;
    private final String mountPath;

    /** @param mountPath where the sandbox is served: the form posts to {@code mountPath + "/checkout/" + linkId} */
    public CheckoutPageHandler(SandboxStore store, HostedCheckout checkout, String mountPath) {
        this.store = Objects.requireNonNull(store);
        this.checkout = Objects.requireNonNull(checkout);
        this.mountPath = Objects.requireNonNull(mountPath);
    }

    /** @param method upper case */
    public SandboxResponse handle(String method, String path, String body) {
        var receipt = RECEIPT_PATH.matcher(path);
        if (receipt.matches() && method.equals("GET")) {
            var link = store.findPaymentLink(receipt.group(1));
            var session = store.findCheckoutSession(receipt.group(2))
                    .filter(found -> found.paymentLinkId().equals(receipt.group(1)));
            if (link.isEmpty() || session.isEmpty()) {
                return html(404, CheckoutPage.notFound());
            }
            return html(200, CheckoutPage.paid(link.get(), session.get()));
        }
        var page = CHECKOUT_PATH.matcher(path);
        if (!page.matches() || !(method.equals("GET") || method.equals("POST"))) {
            return html(404, CheckoutPage.notFound());
        }
        String linkId = page.group(1);
        var link = store.findPaymentLink(linkId).orElse(null);
        if (link == null) {
            return html(404, CheckoutPage.notFound());
        }
        String action = mountPath + "/checkout/" + linkId;
        if (method.equals("GET")) {
            return html(200, link.active() ? CheckoutPage.form(link, action, null, null, null, null)
                    : CheckoutPage.inactive(link));
        }
        var form = FormEncoding.parse(body);
        var result = checkout.pay(linkId, form.get("card_number"), form.get("card_expiry"), form.get("card_cvc"),
                form.get("email"));
        return switch (result.outcome()) {
            // post/redirect/get: reloading the receipt must not pay twice
            case PAID -> new SandboxResponse(303, Map.of("Location", action + "/receipt/" + result.session().id(),
                    "Cache-Control", "no-store"), "");
            case LINK_INACTIVE -> html(409, CheckoutPage.inactive(link));
            case NO_SUCH_LINK -> html(404, CheckoutPage.notFound());
            case DECLINED -> html(402, CheckoutPage.form(link, action, result.message(), form.get("card_number"),
                    form.get("card_expiry"), form.get("email")));
            case INVALID_CARD -> html(400, CheckoutPage.form(link, action, result.message(), form.get("card_number"),
                    form.get("card_expiry"), form.get("email")));
        };
    }

    private static SandboxResponse html(int status, String page) {
        return new SandboxResponse(status, Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-store",
                // the page needs nothing but its own inline styles and to post to itself
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'",
                "Referrer-Policy", "no-referrer"), page);
    }
}
