package com.merchantbilling.payments.internal.connect;

import java.net.URI;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.OrganizationId;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.StripeAccountChanged;
import com.merchantbilling.payments.StripeAccountState;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.payments.internal.deployment.DeploymentId;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCaller;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;

/**
 * Stripe Connect onboarding through Account Links (Stripe docs, "Connect Onboarding" / API reference "Account
 * Links"): the platform creates the organization's connected account ({@code POST /v1/accounts}, type
 * {@code standard}: the merchant gets its own Stripe Dashboard and pays Stripe's fees itself), then a
 * single-use Account Link ({@code POST /v1/account_links} with {@code account}, {@code refresh_url},
 * {@code return_url}, {@code type=account_onboarding}) whose {@code url} the merchant's browser is sent to. The
 * link expires after a few minutes and is single-use; Stripe then sends the browser to {@code refresh_url}, which
 * asks for a new one. Coming back to {@code return_url} says nothing about completion, so the account is then
 * retrieved ({@code GET /v1/accounts/{id}}): {@code charges_enabled}, {@code details_submitted} and
 * {@code requirements.currently_due} are kept (V24 table {@code stripe_connected_accounts}), and updated again
 * by each {@code account.updated} event on the Connect webhook endpoint.
 * <p>
 * All three calls are made on the platform's own account (no {@code Stripe-Account} header): the account and its
 * links are platform resources; payment links for the organization then go with {@code Stripe-Account}.
 */
@Service
public class StripeAccountService implements StripeAccounts {

    private static final Logger log = LoggerFactory.getLogger(StripeAccountService.class);

    private final StripeClient stripe;
    private final StripeCallPolicy policy;
    private final Organizations organizations;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final DeploymentId deployment;
    private final Clock clock;

    StripeAccountService(StripeClient stripe, StripeCallPolicy policy, Organizations organizations, JdbcClient jdbc,
            TransactionTemplate transaction, ApplicationEventPublisher events, DeploymentId deployment,
            ObjectProvider<Clock> clock) {
        this.stripe = stripe;
        this.policy = policy;
        this.organizations = organizations;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.deployment = deployment;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public Optional<StripeAccountState> find(OrganizationId organization) {
        return jdbc.sql("""
                        select account_id, charges_enabled, details_submitted, currently_due, updated_at
                        from stripe_connected_accounts where organization_id = :org""")
                .param("org", organization.value())
                .query((rs, n) -> new StripeAccountState(rs.getString("account_id"), rs.getBoolean("charges_enabled"),
                        rs.getBoolean("details_submitted"), list(rs.getArray("currently_due")),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    @Override
    public URI startOnboarding(OrganizationId organization, String actor, URI returnUrl, URI refreshUrl) {
        Assert.hasText(actor, "Onboarding names who started it");
        var accountId = find(organization).map(StripeAccountState::accountId)
                .orElseGet(() -> createAccount(organization, actor));
        var params = AccountLinkCreateParams.builder()
                .setAccount(accountId)
                .setRefreshUrl(refreshUrl.toString())
                .setReturnUrl(returnUrl.toString())
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                .build();
        try {
            // no idempotency key: each call must give a fresh single-use link (an old one may have been used)
            var link = policy.call(caller(organization), () -> stripe.v1().accountLinks().create(params));
            return URI.create(link.getUrl());
        } catch (StripeException e) {
            throw new StripeAccountException("Stripe could not start the onboarding of " + accountId + ": "
                    + StripeCallPolicy.describe(e), e);
        }
    }

    @Override
    public Optional<StripeAccountState> refresh(OrganizationId organization) {
        var known = find(organization);
        if (known.isEmpty()) {
            return known;
        }
        String accountId = known.get().accountId();
        Account account;
        try {
            account = policy.call(caller(organization), () -> stripe.v1().accounts().retrieve(accountId));
        } catch (StripeException e) {
            throw new StripeAccountException("Stripe could not return account " + accountId + ": "
                    + StripeCallPolicy.describe(e), e);
        }
        update(account);
        return find(organization);
    }

    @Override
    public Optional<String> linkCreationRefusal(OrganizationId organization) {
        var current = organizations.find(organization).flatMap(Organization::stripeAccountId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        var state = find(organization).filter(known -> known.accountId().equals(current.get()));
        if (state.isEmpty()) {
            // an account configured before onboarding existed here (an operator set it): Stripe is the judge
            return Optional.empty();
        }
        if (state.get().chargesEnabled()) {
            return Optional.empty();
        }
        return Optional.of(chargesNotEnabled(state.get()));
    }

    static String chargesNotEnabled(StripeAccountState state) {
        return "The Stripe account " + state.accountId() + " cannot accept card payments yet (charges not enabled)"
                + (state.currentlyDue().isEmpty() ? "" : "; Stripe still needs: " + String.join(", ",
                        state.currentlyDue()))
                + ". Finish the onboarding under Settings > Stripe.";
    }

    /**
     * Keeps the state Stripe reports for a connected account we know (after retrieving it, or from an
     * {@code account.updated} event's Account object); an account we did not create is ignored.
     *
     * @return whether the account is one of ours
     */
    public boolean update(Account account) {
        if (account == null || account.getId() == null) {
            return false;
        }
        var due = account.getRequirements() == null || account.getRequirements().getCurrentlyDue() == null
                ? List.<String>of() : account.getRequirements().getCurrentlyDue();
        boolean charges = Boolean.TRUE.equals(account.getChargesEnabled());
        boolean details = Boolean.TRUE.equals(account.getDetailsSubmitted());
        var now = clock.instant();
        return Boolean.TRUE.equals(transaction.execute(status -> {
            var organization = jdbc.sql("""
                            update stripe_connected_accounts set charges_enabled = :charges, details_submitted = :details,
                                currently_due = :due, updated_at = :now
                            where account_id = :account returning organization_id""")
                    .param("charges", charges)
                    .param("details", details)
                    .param("due", due.toArray(String[]::new))
                    .param("now", Timestamp.from(now))
                    .param("account", account.getId())
                    .query(Long.class)
                    .optional();
            organization.ifPresent(org -> events.publishEvent(new StripeAccountChanged(new OrganizationId(org),
                    account.getId(), charges)));
            return organization.isPresent();
        }));
    }

    private String createAccount(OrganizationId organization, String actor) {
        var params = AccountCreateParams.builder().setType(AccountCreateParams.Type.STANDARD).build();
        // keyed per deployment and organization: two owners clicking at once (or a retry) get one account
        var options = RequestOptions.builder()
                .setIdempotencyKey("merchant-billing-" + deployment.value() + "-account-" + organization.value())
                .build();
        Account account;
        try {
            account = policy.callWithKey(caller(organization), () -> stripe.v1().accounts().create(params, options));
        } catch (StripeException e) {
            throw new StripeAccountException("Stripe could not create the account: " + StripeCallPolicy.describe(e),
                    e);
        }
        var now = clock.instant();
        transaction.executeWithoutResult(status -> {
            int inserted = jdbc.sql("""
                            insert into stripe_connected_accounts (organization_id, account_id, charges_enabled,
                                details_submitted, currently_due, connected_by, connected_at, updated_at)
                            values (:org, :account, :charges, :details, :due, :actor, :now, :now)
                            on conflict (organization_id) do nothing""")
                    .param("org", organization.value())
                    .param("account", account.getId())
                    .param("charges", Boolean.TRUE.equals(account.getChargesEnabled()))
                    .param("details", Boolean.TRUE.equals(account.getDetailsSubmitted()))
                    .param("due", (account.getRequirements() == null
                            || account.getRequirements().getCurrentlyDue() == null ? List.<String>of()
                                    : account.getRequirements().getCurrentlyDue()).toArray(String[]::new))
                    .param("actor", actor)
                    .param("now", Timestamp.from(now))
                    .update();
            if (inserted > 0) {
                // new links go to this account from now on, and are refused until its charges are enabled
                organizations.changeStripeAccount(organization, account.getId());
                events.publishEvent(new StripeAccountChanged(organization, account.getId(),
                        Boolean.TRUE.equals(account.getChargesEnabled())));
            }
        });
        log.info("Organization {} connected Stripe account {} (by {})", organization, account.getId(), actor);
        return find(organization).map(StripeAccountState::accountId).orElse(account.getId());
    }

    private static StripeCaller caller(OrganizationId organization) {
        // platform calls for an organization whose owner is waiting on the settings page
        return StripeCaller.interactive(organization, Optional.empty());
    }

    private static List<String> list(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    Instant now() {
        return clock.instant();
    }
}
