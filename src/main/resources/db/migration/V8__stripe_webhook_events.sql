-- payments module: Stripe webhook events as received. The primary key makes a redelivered event a no-op;
-- the payload is kept so the processing after the response needs nothing but the event id.
create table stripe_webhook_events (
    event_id     varchar(255) primary key,
    event_type   varchar(100) not null,
    account_id   varchar(255),
    payload      text         not null,
    received_at  timestamptz  not null default now(),
    processed_at timestamptz,
    outcome      varchar(40)
);
create index stripe_webhook_events_unprocessed on stripe_webhook_events (received_at) where processed_at is null;
