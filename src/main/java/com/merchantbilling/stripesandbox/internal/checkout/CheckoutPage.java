package com.merchantbilling.stripesandbox.internal.checkout;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.SandboxPaymentLink;
import com.merchantbilling.stripesandbox.internal.Currencies;

/**
 * The sandbox's hosted checkout page: plain HTML, a form that works without JavaScript, every value escaped.
 * It says on every page that it is a sandbox, so nobody mistakes it for a real payment.
 */
public final class CheckoutPage {

    public static final String BANNER = "Stripe sandbox — no real money moves";

    private CheckoutPage() {
    }

    /** "JPY 15,000", "USD 1,234.50": the app's own format, with the currency's decimals. */
    public static String formatAmount(long minorUnits, String currency) {
        int decimals = Currencies.decimals(currency);
        var format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return currency.toUpperCase(Locale.ROOT) + " " + format.format(BigDecimal.valueOf(minorUnits, decimals));
    }

    /** The payment form, with the buyer's entries kept (except the CVC) and an optional message. */
    public static String form(SandboxPaymentLink link, String actionPath, String message, String cardNumber,
            String expiry, String email) {
        var body = new StringBuilder();
        body.append(amount(link));
        if (message != null) {
            body.append("<p id=\"checkout-result\" class=\"error\" role=\"alert\">").append(escape(message))
                    .append("</p>\n");
        }
        body.append("""
                <form method="post" action="%s" autocomplete="off">
                  <label for="email">Email</label>
                  <input id="email" name="email" type="email" value="%s" placeholder="buyer@example.com">
                  <label for="card-number">Card number</label>
                  <input id="card-number" name="card_number" inputmode="numeric" value="%s" placeholder="4242 4242 4242 4242" required>
                  <div class="row">
                    <div><label for="card-expiry">Expiry (MM / YY)</label>
                    <input id="card-expiry" name="card_expiry" value="%s" placeholder="12 / 34" required></div>
                    <div><label for="card-cvc">CVC</label>
                    <input id="card-cvc" name="card_cvc" inputmode="numeric" placeholder="123" required></div>
                  </div>
                  <button id="pay-button" type="submit">Pay %s</button>
                </form>
                <p class="hint">Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined.
                Any future expiry date and any 3-digit CVC.</p>
                """.formatted(escape(actionPath), escape(nullToEmpty(email)), escape(nullToEmpty(cardNumber)),
                escape(nullToEmpty(expiry)), escape(formatAmount(link.amountTotal(), link.currency()))));
        return page("Pay " + link.productName(), link.productName(), "product-name", body.toString());
    }

    public static String paid(SandboxPaymentLink link, SandboxCheckoutSession session) {
        return page("Payment successful", link.productName(), "product-name", amount(link) + """
                <p id="checkout-result" class="success" role="status">Payment successful. Thank you!</p>
                <p>%s paid. Reference: <code class="reference" id="checkout-reference">%s</code></p>
                """.formatted(escape(formatAmount(session.amountTotal(), session.currency())), escape(session.id())));
    }

    public static String inactive(SandboxPaymentLink link) {
        return page("Link no longer active", link.productName(), "product-name", amount(link) + """
                <p id="checkout-result" class="info" role="status">This payment link is no longer active. \
                It may have been paid already.</p>
                """);
    }

    public static String notFound() {
        return page("Not found", """
                <p id="checkout-result" class="error" role="alert">There is no such payment link.</p>
                """);
    }

    private static String amount(SandboxPaymentLink link) {
        return """
                <p class="amount" id="amount">%s</p>
                """.formatted(escape(formatAmount(link.amountTotal(), link.currency())));
    }

    private static String page(String title, String content) {
        return page(title, title, "page-title", content);
    }

    /** A link's pages are headed by what is paid for (the invoice's title), once; the outcome follows it. */
    private static String page(String title, String heading, String headingId, String content) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s · %s</title>
                <style>
                  body { font-family: system-ui, sans-serif; background: #f6f8fa; margin: 0; color: #1a1f36; }
                  .banner { background: #ffb020; color: #1a1f36; text-align: center; padding: .6rem; font-weight: 600; }
                  main { max-width: 26rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px;
                         box-shadow: 0 2px 8px rgba(0,0,0,.08); }
                  label { display: block; margin-top: .8rem; font-size: .85rem; color: #555; }
                  input { width: 100%%; box-sizing: border-box; padding: .55rem; font-size: 1rem; border: 1px solid #ccd; border-radius: 4px; }
                  .row { display: flex; gap: 1rem; } .row > div { flex: 1; }
                  button { margin-top: 1.2rem; width: 100%%; padding: .7rem; font-size: 1rem; background: #635bff; color: #fff;
                           border: 0; border-radius: 4px; cursor: pointer; }
                  .amount { font-size: 1.8rem; font-weight: 700; margin: .2rem 0 1rem; }
                  h1 { font-size: 1.5rem; margin: 0 0 .4rem; overflow-wrap: anywhere; }
                  /* ids such as cs_test_... are one long word: without this they run out of the card */
                  .reference { overflow-wrap: anywhere; word-break: break-all; }
                  .error { color: #c0123c; } .success { color: #0a7d38; font-weight: 600; } .hint { font-size: .8rem; color: #777; }
                </style>
                </head>
                <body>
                <div class="banner" id="sandbox-banner">%s</div>
                <main>
                <h1 id="%s">%s</h1>
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), escape(BANNER), escape(BANNER), headingId, escape(heading), content);
    }

    public static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
