package com.merchantbilling.stripesandbox.internal.checkout;

import java.time.Clock;
import java.util.Objects;

import com.merchantbilling.stripesandbox.CheckoutResult.Outcome;
import com.merchantbilling.stripesandbox.CheckoutResult;
import com.merchantbilling.stripesandbox.SandboxCheckoutSession;
import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;
import com.merchantbilling.stripesandbox.internal.webhooks.SandboxWebhooks;

/**
 * A buyer's payment on the hosted page: 4242 4242 4242 4242 completes a checkout session, deactivates a link
 * that reached its completed-sessions limit and sends {@code checkout.session.completed}; 4000 0000 0000 0002 is
 * declined and changes nothing.
 */
public final class HostedCheckout {

    public static final String SUCCEEDING_CARD = TestCards.SUCCEEDING;
    public static final String DECLINED_CARD = TestCards.DECLINED;

    private final SandboxStore store;
    private final SandboxWebhooks webhooks;
    private final Clock clock;

    public HostedCheckout(SandboxStore store, SandboxWebhooks webhooks, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.webhooks = Objects.requireNonNull(webhooks);
        this.clock = Objects.requireNonNull(clock);
    }

    public CheckoutResult pay(String paymentLinkId, String cardNumber, String expiry, String cvc, String email) {
        var link = store.findPaymentLink(paymentLinkId).orElse(null);
        if (link == null) {
            return new CheckoutResult(Outcome.NO_SUCH_LINK, "There is no such payment link.", null);
        }
        if (!link.active()) {
            return inactive();
        }
        String number = TestCards.number(cardNumber);
        String problem = TestCards.problem(number, expiry, cvc, email, clock);
        if (problem != null) {
            return new CheckoutResult(Outcome.INVALID_CARD, problem, null);
        }
        if (number.equals(TestCards.DECLINED)) {
            return new CheckoutResult(Outcome.DECLINED, "Your card was declined.", null);
        }
        var session = new SandboxCheckoutSession(Ids.checkoutSession(), link.id(), link.stripeAccount(), now(),
                link.amountTotal(), link.currency(), blankToNull(email), Ids.paymentIntent(), link.metadata());
        if (!store.recordCompletedSession(session)) {
            return inactive();
        }
        String eventId = Ids.event();
        var event = StripeObjects.event(eventId, "checkout.session.completed", now(), session.stripeAccount(),
                StripeObjects.checkoutSession(session));
        webhooks.send(eventId, "checkout.session.completed", Json.write(event), session.stripeAccount());
        return new CheckoutResult(Outcome.PAID, "Payment successful.", session);
    }

    private static CheckoutResult inactive() {
        return new CheckoutResult(Outcome.LINK_INACTIVE,
                "This payment link is no longer active. It may have been paid already.", null);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
