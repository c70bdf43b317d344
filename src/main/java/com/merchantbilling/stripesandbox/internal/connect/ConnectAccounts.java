package com.merchantbilling.stripesandbox.internal.connect;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.merchantbilling.stripesandbox.SandboxResponse;
import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeApiError;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.api.ApiRequest;
import com.merchantbilling.stripesandbox.internal.idempotency.SandboxIdempotency;
import com.merchantbilling.stripesandbox.internal.events.EventLog;

/**
 * Stripe Connect as far as onboarding goes (Stripe API reference "Accounts" and "Account Links", guide "Connect
 * Onboarding"): {@code POST /v1/accounts} creates a connected account that cannot take charges yet
 * ({@code charges_enabled=false}, {@code details_submitted=false}, {@code requirements.currently_due} listing what
 * onboarding collects); {@code GET /v1/accounts/{id}} returns it; {@code POST /v1/account_links} (required
 * {@code account} and {@code type}, {@code account_onboarding} also needing {@code refresh_url} and
 * {@code return_url} here as Stripe's hosted flow does) returns an {@code account_link} object ({@code object},
 * {@code created}, {@code expires_at}, {@code url}) whose URL is single-use and expires after 300 seconds; an
 * expired, used or unknown link sends the browser to its {@code refresh_url}, as Stripe's does.
 * <p>
 * Completing the hosted onboarding page enables charges and sends {@code account.updated} (an event of the
 * connected account: {@code account} set, so it goes to the Connect endpoint). Accounts live in memory: the
 * sandbox is a single-node development tool, and a restart forgets them (retrieving one is then a 404, as for any
 * unknown account).
 */
public final class ConnectAccounts {

    /** Stripe's Account Links expire a few minutes after creation (API reference: {@code expires_at}). */
    static final long LINK_LIFETIME_SECONDS = 300;
    /** What a new Standard account still needs in the sandbox: the fields the onboarding page pretends to collect. */
    static final List<String> INITIAL_REQUIREMENTS = List.of("business_profile.url", "external_account",
            "tos_acceptance.date", "tos_acceptance.ip");

    record Account(String id, String type, String country, long created, boolean chargesEnabled,
            boolean detailsSubmitted, List<String> currentlyDue) {
    }

    record OnboardingLink(String token, String account, String refreshUrl, String returnUrl, long expiresAt,
            boolean used) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, OnboardingLink> links = new ConcurrentHashMap<>();
    private final SandboxIdempotency idempotency;
    /** account.updated is kept and listed like every other event the sandbox emits (GET /v1/events). */
    private final EventLog events;
    private final String onboardingBaseUrl;
    private final LongSupplier now;

    /** @param onboardingBaseUrl the hosted onboarding page's address; a link's URL is this plus its token */
    public ConnectAccounts(SandboxIdempotency idempotency, EventLog events, String onboardingBaseUrl,
            LongSupplier now) {
        this.idempotency = Objects.requireNonNull(idempotency);
        this.events = Objects.requireNonNull(events);
        this.onboardingBaseUrl = Objects.requireNonNull(onboardingBaseUrl);
        this.now = Objects.requireNonNull(now);
    }

    public SandboxResponse create(ApiRequest request) {
        var params = request.bodyParameters();
        return idempotency.handle(request, () -> {
            if (request.account() != null) {
                // a connected account cannot create accounts: only the platform does (Connect)
                throw StripeApiError.invalid("You cannot create accounts on behalf of a connected account.", null,
                        null);
            }
            Object type = params.get("type");
            if (type != null && !List.of("standard", "express", "custom").contains(type)) {
                throw StripeApiError.invalid("Invalid type: must be one of standard, express, or custom", "type",
                        null);
            }
        }, () -> {
            var type = params.get("type") instanceof String given ? given : "standard";
            var country = params.get("country") instanceof String given ? given : "US";
            var account = new Account("acct_" + Ids.random(16), type, country, now.getAsLong(), false, false,
                    INITIAL_REQUIREMENTS);
            accounts.put(account.id(), account);
            return new SandboxIdempotency.Outcome(200, Json.write(json(account)), null);
        });
    }

    public SandboxResponse retrieve(ApiRequest request, String id) {
        var account = accounts.get(id);
        if (account == null || (request.account() != null && !request.account().equals(id))) {
            throw StripeApiError.notFound("account", id, "account");
        }
        return request.json(200, json(account));
    }

    public SandboxResponse createLink(ApiRequest request) {
        var params = request.bodyParameters();
        return idempotency.handle(request, () -> {
            if (!(params.get("account") instanceof String account) || account.isBlank()) {
                throw StripeApiError.missing("account");
            }
            if (!(params.get("type") instanceof String type) || type.isBlank()) {
                throw StripeApiError.missing("type");
            }
            if (!type.equals("account_onboarding") && !type.equals("account_update")) {
                throw StripeApiError.invalid("Invalid type: must be one of account_onboarding or account_update",
                        "type", null);
            }
            if (!accounts.containsKey(account)) {
                throw StripeApiError.notFound("account", account, "account");
            }
            for (String url : new String[] { "refresh_url", "return_url" }) {
                if (!(params.get(url) instanceof String given) || given.isBlank()) {
                    throw StripeApiError.missing(url);
                }
                if (!isHttpUrl(given)) {
                    throw StripeApiError.invalid("Invalid URL: " + given, url, "url_invalid");
                }
            }
        }, () -> {
            long created = now.getAsLong();
            var link = new OnboardingLink(Ids.random(32), (String) params.get("account"),
                    (String) params.get("refresh_url"), (String) params.get("return_url"),
                    created + LINK_LIFETIME_SECONDS, false);
            links.put(link.token(), link);
            var json = new LinkedHashMap<String, Object>();
            json.put("object", "account_link");
            json.put("created", created);
            json.put("expires_at", link.expiresAt());
            json.put("url", onboardingBaseUrl + link.token());
            return new SandboxIdempotency.Outcome(200, Json.write(json), null);
        });
    }

    /** The link behind a token while it can still be used; empty when unknown, used or expired. */
    Optional<OnboardingLink> usable(String token) {
        var link = links.get(token);
        if (link == null || link.used() || now.getAsLong() >= link.expiresAt()) {
            return Optional.empty();
        }
        return Optional.of(link);
    }

    /** Where an unusable link sends the browser: its refresh_url, if the token was ever issued. */
    Optional<String> refreshUrl(String token) {
        return Optional.ofNullable(links.get(token)).map(OnboardingLink::refreshUrl);
    }

    Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    /** The merchant finished onboarding on the hosted page: charges enabled, {@code account.updated} sent. */
    String complete(String token) {
        var link = use(token);
        var updated = accounts.computeIfPresent(link.account(), (id, account) -> new Account(id, account.type(),
                account.country(), account.created(), true, true, List.of()));
        if (updated != null) {
            events.emit("account.updated", updated.id(), json(updated), null);
        }
        return link.returnUrl();
    }

    /** The merchant left the flow unfinished: nothing changes, the link is used up all the same. */
    String leave(String token) {
        return use(token).returnUrl();
    }

    private OnboardingLink use(String token) {
        var link = usable(token).orElseThrow(() -> new IllegalStateException("Onboarding link not usable"));
        links.put(token, new OnboardingLink(link.token(), link.account(), link.refreshUrl(), link.returnUrl(),
                link.expiresAt(), true));
        return link;
    }

    /** A subset of Stripe's Account object: what an onboarding integration reads. */
    static Map<String, Object> json(Account account) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", account.id());
        json.put("object", "account");
        json.put("business_type", null);
        json.put("capabilities", account.chargesEnabled() ? Map.of("card_payments", "active", "transfers", "active")
                : Map.of());
        json.put("charges_enabled", account.chargesEnabled());
        json.put("country", account.country());
        json.put("created", account.created());
        json.put("default_currency", account.country().equals("JP") ? "jpy" : "usd");
        json.put("details_submitted", account.detailsSubmitted());
        json.put("email", null);
        json.put("metadata", Map.of());
        json.put("payouts_enabled", account.chargesEnabled());
        var requirements = new LinkedHashMap<String, Object>();
        requirements.put("alternatives", List.of());
        requirements.put("current_deadline", null);
        requirements.put("currently_due", account.currentlyDue());
        requirements.put("disabled_reason", account.chargesEnabled() ? null : "requirements.past_due");
        requirements.put("errors", List.of());
        requirements.put("eventually_due", account.currentlyDue());
        requirements.put("past_due", account.currentlyDue());
        requirements.put("pending_verification", List.of());
        json.put("requirements", requirements);
        json.put("type", account.type());
        return json;
    }

    static boolean isHttpUrl(String url) {
        try {
            var uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
