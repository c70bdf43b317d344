-- payments module (issue 15): the inbox row is the durable record of a received Stripe event. Processing claims
-- unprocessed rows in batches (select ... for update skip locked, in received order) instead of one Spring
-- Modulith publication per event. An event whose processing failed stays unprocessed and is tried again after
-- retry_at; attempts and last_error are for whoever investigates.
alter table stripe_webhook_events
    add column attempts   integer      not null default 0,
    add column retry_at   timestamptz,
    add column last_error varchar(500);

-- Publications of the event type that no longer exists: their rows are still unprocessed in the inbox, which the
-- batch processing picks up by itself. Left here, Modulith would fail to deserialize them on every resubmission.
delete from event_publication
 where event_type = 'com.merchantbilling.payments.internal.webhook.StripeEventReceived';
