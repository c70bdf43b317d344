-- payments module: where the catch-up on Stripe's events (StripeEventCatchUp) stands, per Stripe account.
-- Events with created > floor_created are still to be listed. A listing in progress is bounded above by
-- upper_created and resumes after resume_after (the last event id of the last page taken), so a run that
-- stopped (page cap, crash, another node's turn) continues where it was instead of starting over.
-- version makes two runs that raced (a lapsed job lock) unable to move one cursor twice.
create table stripe_event_cursors (
    account_key   varchar(300) primary key,
    floor_created bigint       not null,
    upper_created bigint,
    resume_after  varchar(255),
    version       bigint       not null default 0,
    updated_at    timestamptz  not null default now()
);

-- stripesandbox module: every event the sandbox emits, for GET /v1/events (Stripe lists the last 30 days)
-- and for the state of charges and disputes, which the sandbox derives from its own events.
create table stripe_sandbox_events (
    seq            bigserial    primary key,
    id             varchar(64)  not null unique,
    stripe_account varchar(255),
    type           varchar(100) not null,
    created        bigint       not null,
    object_id      varchar(128) not null,
    payment_intent varchar(64),
    delivered      boolean      not null default false,
    payload        text         not null
);
create index stripe_sandbox_events_by_created on stripe_sandbox_events (created desc, seq desc);
create index stripe_sandbox_events_by_intent on stripe_sandbox_events (payment_intent) where payment_intent is not null;
