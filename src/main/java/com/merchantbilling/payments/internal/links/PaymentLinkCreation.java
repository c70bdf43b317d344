package com.merchantbilling.payments.internal.links;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import com.merchantbilling.invoicing.OnlinePaymentStatus;
import com.merchantbilling.invoicing.onlinepayments.OnlinePayments;
import com.merchantbilling.invoicing.onlinepayments.PaymentLinkRecording;
import com.merchantbilling.invoicing.events.PaymentLinkRequested;
import com.merchantbilling.organizations.Organization;
import com.merchantbilling.organizations.Organizations;
import com.merchantbilling.payments.AddOn;
import com.merchantbilling.payments.AddOnSubscriptions;
import com.merchantbilling.payments.StripeAccounts;
import com.merchantbilling.payments.internal.deployment.PaymentLinkMetadata;
import com.merchantbilling.payments.internal.stripe.StripeCallPolicy;
import com.merchantbilling.payments.internal.stripe.StripeCurrencies.UnsupportedCurrencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentLink;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Turns each {@link PaymentLinkRequested} into exactly one payable Stripe payment link. Runs after the request's
 * commit, outside any transaction (no database connection is held while Stripe answers).
 * <p>
 * An uncertain answer is resolved, not retried blindly: Stripe saves a 500 under the idempotency key and replays
 * it for 24 hours, and a lost answer may hide a link Stripe did create, so the same key cannot help. After a 5xx,
 * a timeout or a dropped connection the account's newest links are listed (newest first, a bounded number of
 * pages) and ours for the invoice (namespaced metadata: deployment, organization, invoice) is recorded; only if there is
 * none, the next attempt (the next key, persisted and fenced by invoicing) is tried, after an exponential
 * backoff with jitter, up to a bound after which the invoice is Link Failed "Stripe unavailable" for the
 * merchant's Retry Failed. A 429 or 409 (nothing executed) is retried with the same key by
 * {@link StripeCallPolicy#callWithKey}; a 4xx is the invoice's failure with Stripe's reason.
 * <p>
 * Any further link of ours for the invoice that Stripe made (an answer of an earlier attempt, one found by the
 * listing) while another is recorded is an orphan: deactivated at Stripe and audited. Expected Stripe failures
 * are logged as one WARN line and never thrown: the event publication completes, so nothing is resubmitted with
 * a stack trace every minute; only a crash leaves it to {@link IncompleteLinkRequests}.
 */
@Component
class PaymentLinkCreation {

    private static final Logger log = LoggerFactory.getLogger(PaymentLinkCreation.class);
    static final String NOT_SUBSCRIBED = "The organization is not subscribed to the "
            + AddOn.STRIPE_CREDIT_CARD_PAYMENT.label();
    static final String STRIPE_UNAVAILABLE = "Stripe unavailable";

    private final StripePaymentLinks stripe;
    private final OnlinePayments onlinePayments;
    private final AddOnSubscriptions addOns;
    private final Organizations organizations;
    private final StripeAccounts stripeAccounts;
    private final PaymentLinkProperties.Resolution resolution;
    private final IntervalFunction backoff;

    PaymentLinkCreation(StripePaymentLinks stripe, OnlinePayments onlinePayments, AddOnSubscriptions addOns,
            Organizations organizations, StripeAccounts stripeAccounts, PaymentLinkProperties properties) {
        this.stripe = stripe;
        this.onlinePayments = onlinePayments;
        this.addOns = addOns;
        this.organizations = organizations;
        this.stripeAccounts = stripeAccounts;
        this.resolution = properties.resolution();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(resolution.initialBackoff(), 2.0, 0.5,
                resolution.maxBackoff());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentLinkRequested request) {
        var invoice = onlinePayments.find(request.invoiceId()).orElse(null);
        if (invoice == null || invoice.paymentLinkId().isPresent()
                || invoice.onlinePayment() != OnlinePaymentStatus.LINK_REQUESTED) {
            // deleted since, or a redelivery of a request that was already answered
            return;
        }
        // the invoice's current attempt: after a crash, a resubmitted event continues where its run stopped
        int attempt = Math.max(request.attempt(), onlinePayments.paymentLinkAttempt(request.invoiceId()).orElse(0));
        if (!addOns.isActive(request.organizationId(), AddOn.STRIPE_CREDIT_CARD_PAYMENT)) {
            recordFailure(request, attempt, NOT_SUBSCRIBED);
            return;
        }
        var account = organizations.find(request.organizationId()).flatMap(Organization::stripeAccountId);
        if (attempt > 1 && resolve(request, attempt, account)) {
            // an earlier attempt's link (e.g. created while its answer timed out) was found and recorded
            return;
        }
        // asked after the resolution above: a link Stripe already made is recorded whatever the account's state;
        // a new one is not even asked for while the connected account cannot take card payments
        var refusal = stripeAccounts.linkCreationRefusal(request.organizationId());
        if (refusal.isPresent()) {
            recordFailure(request, attempt, refusal.get());
            return;
        }
        for (int round = 1; ; round++) {
            String problem;
            try {
                var link = stripe.create(request, attempt, account);
                record(request, attempt, link, account);
                return;
            } catch (UnsupportedCurrencyException e) {
                recordFailure(request, attempt, e.getMessage());
                return;
            } catch (StripeException e) {
                problem = StripeCallPolicy.describe(e);
                if (StripeCallPolicy.isUncertain(e)) {
                    if (resolve(request, attempt, account)) {
                        return;
                    }
                    if (round >= resolution.maxRounds()) {
                        giveUp(request, attempt, round, problem);
                        return;
                    }
                    var next = onlinePayments.nextPaymentLinkAttempt(request.invoiceId(), attempt);
                    if (next.isEmpty()) {
                        log.info("Payment link for invoice {}: attempt {} was overtaken; its new attempt answers",
                                request.invoiceId(), attempt);
                        return;
                    }
                    // the one WARN line of this failure: no stack trace, it is an expected Stripe failure
                    log.warn("Payment link for invoice {} attempt {}: Stripe's answer is uncertain ({}) and no link "
                            + "was found at Stripe; trying attempt {} (round {} of {})", request.invoiceId(), attempt,
                            problem, next.getAsInt(), round + 1, resolution.maxRounds());
                    attempt = next.getAsInt();
                    pause(round);
                    continue;
                } else if (!StripeCallPolicy.isRetryableWithSameKey(e)) {
                    log.info("Stripe refused the payment link for invoice {} attempt {}: {}", request.invoiceId(),
                            attempt, problem);
                    recordFailure(request, attempt, problem);
                    return;
                }
            }
            if (round >= resolution.maxRounds()) {
                giveUp(request, attempt, round, problem);
                return;
            }
            log.warn("Payment link for invoice {} attempt {}: Stripe did not take the request ({}); trying the same "
                    + "key again (round {} of {})", request.invoiceId(), attempt, problem, round + 1,
                    resolution.maxRounds());
            pause(round);
        }
    }

    /**
     * Looks for our links of the invoice among the account's newest and records the newest active one (or the
     * newest, if none is active: a paid link deactivates itself); any other is an orphan.
     *
     * @return true when the invoice has its link now
     */
    private boolean resolve(PaymentLinkRequested request, int attempt, Optional<String> account) {
        List<PaymentLink> ours;
        try {
            ours = stripe.findOurs(request.organizationId(), request.invoiceId(), account, resolution.maxListPages());
        } catch (StripeException e) {
            log.warn("Payment link for invoice {} attempt {}: could not list Stripe's links ({})", request.invoiceId(),
                    attempt, StripeCallPolicy.describe(e));
            return false;
        }
        if (ours.isEmpty()) {
            return false;
        }
        var ordered = ours.stream()
                .sorted(Comparator.comparing((PaymentLink link) -> !Boolean.TRUE.equals(link.getActive())))
                .toList();
        log.info("Payment link for invoice {}: found {} of our links at Stripe, recording {}", request.invoiceId(),
                ordered.size(), ordered.getFirst().getId());
        for (var link : ordered) {
            record(request, attempt, link, account);
        }
        return true;
    }

    private void record(PaymentLinkRequested request, int attempt, PaymentLink link, Optional<String> account) {
        // the account it was created on stays with the link: reconciliation and payment matching use it, so a later
        // change of the organization's account does not strand the invoice
        var recording = onlinePayments.recordPaymentLink(request.invoiceId(), attempt, link.getId(), link.getUrl(),
                account);
        if (recording == PaymentLinkRecording.ANOTHER_LINK_RECORDED) {
            deactivateOrphan(request, link, account);
        }
    }

    private void deactivateOrphan(PaymentLinkRequested request, PaymentLink orphan, Optional<String> account) {
        int orphanAttempt = PaymentLinkMetadata.from(orphan.getMetadata()).map(PaymentLinkMetadata::attempt).orElse(0);
        if (!Boolean.TRUE.equals(orphan.getActive())) {
            return;
        }
        try {
            stripe.deactivate(orphan.getId(), account);
        } catch (StripeException e) {
            log.warn("Orphan payment link {} of invoice {} (attempt {}) could not be deactivated: {}", orphan.getId(),
                    request.invoiceId(), orphanAttempt, StripeCallPolicy.describe(e));
            return;
        }
        log.warn("Deactivated orphan payment link {} of invoice {} (attempt {}): another link was recorded",
                orphan.getId(), request.invoiceId(), orphanAttempt);
        onlinePayments.recordOrphanPaymentLinkDeactivated(request.invoiceId(), orphanAttempt, orphan.getId());
    }

    private void giveUp(PaymentLinkRequested request, int attempt, int rounds, String problem) {
        log.warn("Payment link for invoice {} attempt {}: Stripe still unavailable after {} rounds ({}); the "
                + "merchant can retry", request.invoiceId(), attempt, rounds, problem);
        recordFailure(request, attempt, STRIPE_UNAVAILABLE);
    }

    private void recordFailure(PaymentLinkRequested request, int attempt, String reason) {
        if (onlinePayments.recordPaymentLinkFailure(request.invoiceId(), attempt, reason)
                == PaymentLinkRecording.STALE) {
            log.info("Payment link for invoice {}: failure of attempt {} ignored, the invoice has moved on ({})",
                    request.invoiceId(), attempt, reason);
        }
    }

    private void pause(int round) {
        try {
            Thread.sleep(backoff.apply(round));
        } catch (InterruptedException e) {
            // shutting down: the publication stays incomplete and is resubmitted with the persisted attempt
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry the payment link", e);
        }
    }
}
