package com.merchantbilling.stripesandbox.internal.events;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import com.merchantbilling.stripesandbox.internal.Ids;
import com.merchantbilling.stripesandbox.internal.Json;
import com.merchantbilling.stripesandbox.internal.StripeObjects;
import com.merchantbilling.stripesandbox.internal.store.SandboxEvent;
import com.merchantbilling.stripesandbox.internal.store.SandboxStore;
import com.merchantbilling.stripesandbox.internal.webhooks.SandboxWebhooks;

/**
 * Every event the sandbox emits goes through here: recorded first (Stripe keeps an event whether or not any
 * endpoint takes it, and lists it for 30 days, docs.stripe.com/api/events/list), then sent to the webhook
 * endpoint; a 2xx marks it delivered, which is what {@code delivery_success} filters on.
 */
public final class EventLog {

    private final SandboxStore store;
    private final SandboxWebhooks webhooks;
    private final Clock clock;

    public EventLog(SandboxStore store, SandboxWebhooks webhooks, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.webhooks = Objects.requireNonNull(webhooks);
        this.clock = Objects.requireNonNull(clock);
        webhooks.onDelivered(store::markEventDelivered);
    }

    /**
     * @param object        the event's {@code data.object}, rendered as the resource answers it
     * @param paymentIntent the payment intent the object belongs to, or null
     * @return the event's id
     */
    public String emit(String type, String account, Map<String, Object> object, String paymentIntent) {
        String eventId = Ids.event();
        var event = StripeObjects.event(eventId, type, clock.instant().getEpochSecond(), account, object);
        event.put("pending_webhooks", webhooks.hasTarget() ? 1 : 0);
        String payload = Json.write(event);
        store.recordEvent(new SandboxEvent(eventId, account, type, (long) event.get("created"),
                String.valueOf(object.get("id")), paymentIntent, false, payload));
        webhooks.send(eventId, type, payload, account);
        return eventId;
    }
}
