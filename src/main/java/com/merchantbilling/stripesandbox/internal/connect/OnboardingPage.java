package com.merchantbilling.stripesandbox.internal.connect;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static com.merchantbilling.stripesandbox.internal.checkout.CheckoutPage.escape;

import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.FormEncoding;

/**
 * The hosted onboarding page an Account Link's URL opens, clearly labelled as the sandbox's: no identity is
 * checked, nothing is sent anywhere. "Complete onboarding" enables the account's charges and returns to the
 * link's {@code return_url}; "Return without finishing" returns unchanged. A used, expired or unknown link sends
 * the browser to its {@code refresh_url} (Stripe: "The URL the user will be redirected to if the account link is
 * expired, has been used, or is otherwise invalid").
 */
public final class OnboardingPage {

    public static final String PATH_PREFIX = "/connect/onboarding/";
    private static final Pattern PATH = Pattern.compile(Pattern.quote(PATH_PREFIX) + "([A-Za-z0-9]+)");

    private final ConnectAccounts accounts;
    private final String mountPath;

    public OnboardingPage(ConnectAccounts accounts, String mountPath) {
        this.accounts = Objects.requireNonNull(accounts);
        this.mountPath = Objects.requireNonNull(mountPath);
    }

    /** @param method upper case */
    public SandboxResponse handle(String method, String path, String body) {
        var matcher = PATH.matcher(path);
        if (!matcher.matches() || !(method.equals("GET") || method.equals("POST"))) {
            return html(404, page("Not found", "<p>There is no such onboarding page.</p>"), null);
        }
        String token = matcher.group(1);
        var link = accounts.usable(token);
        if (link.isEmpty()) {
            return accounts.refreshUrl(token).map(OnboardingPage::redirect)
                    .orElseGet(() -> html(404, page("Not found", "<p>There is no such onboarding page.</p>"), null));
        }
        if (method.equals("POST")) {
            var form = FormEncoding.parse(body);
            String returnUrl = "complete".equals(form.get("action")) ? accounts.complete(token) : accounts.leave(token);
            return redirect(returnUrl);
        }
        var account = accounts.account(link.get().account()).orElseThrow();
        String action = escape(mountPath + PATH_PREFIX + token);
        var due = new StringBuilder();
        for (String field : account.currentlyDue()) {
            due.append("<li><code>").append(escape(field)).append("</code></li>");
        }
        String content = """
                <p>Account <code id="onboarding-account">%s</code> (%s, %s)</p>
                <p>Stripe would now collect the business's details, its bank account and its acceptance of the
                   Stripe Services Agreement. Still due:</p>
                <ul id="onboarding-currently-due">%s</ul>
                <form method="post" action="%s">
                  <button id="complete-onboarding" name="action" value="complete" type="submit">Complete onboarding</button>
                  <button id="leave-onboarding" name="action" value="leave" type="submit" class="secondary">Return without finishing</button>
                </form>""".formatted(escape(account.id()), escape(account.type()),
                escape(account.country()), due, action);
        return html(200, page("Connect your Stripe account", content), link.get().returnUrl());
    }

    private static SandboxResponse redirect(String url) {
        return new SandboxResponse(303, Map.of("Location", url, "Cache-Control", "no-store"), "");
    }

    private static SandboxResponse html(int status, String page, String returnUrl) {
        // the form posts to this page, which then redirects to the platform's return_url: form-action must allow
        // that origin too, or the browser blocks the redirect after the post
        String formAction = "'self'" + (returnUrl == null ? "" : " " + origin(returnUrl));
        return new SandboxResponse(status, Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-store",
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action " + formAction
                        + "; frame-ancestors 'none'",
                "Referrer-Policy", "no-referrer"), page);
    }

    private static String origin(String url) {
        var uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String page(String title, String content) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s - Stripe sandbox</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                  body { font-family: system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
                  .banner { background: #b45309; color: #fff; padding: .6em 1em; font-weight: 600; }
                  main { max-width: 36em; margin: 2em auto; background: #fff; padding: 1.5em 2em; border-radius: 8px;
                         box-shadow: 0 1px 3px rgba(0,0,0,.15); }
                  button { font-size: 1em; padding: .6em 1.2em; margin: .5em .5em 0 0; border-radius: 6px;
                           border: 1px solid #635bff; background: #635bff; color: #fff; cursor: pointer; }
                  button.secondary { background: #fff; color: #635bff; }
                  code { background: #f0f0f5; padding: 0 .3em; border-radius: 3px; }
                </style></head>
                <body><div class="banner" id="sandbox-label">Stripe sandbox of Merchant Billing: not Stripe. Nothing
                is verified and no account is really connected.</div>
                <main><h1>%s</h1>%s</main></body></html>""".formatted(escape(title),
                escape(title), content);
    }
}
