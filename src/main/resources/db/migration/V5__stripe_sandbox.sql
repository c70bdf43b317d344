-- stripesandbox module: the built-in Stripe stand-in's objects, so sandbox links survive a restart of the
-- developer run. Unused (and empty) when a real Stripe key is configured.
create table stripe_sandbox_payment_links (
    id                       varchar(64)  primary key,
    stripe_account           varchar(255),
    created                  bigint       not null,
    active                   boolean      not null,
    currency                 varchar(3)   not null check (currency ~ '^[a-z]{3}$'),
    line_items               jsonb        not null,
    metadata                 jsonb        not null,
    payment_method_types     jsonb,
    completed_sessions_limit bigint       check (completed_sessions_limit >= 1),
    completed_sessions_count bigint       not null default 0,
    other_parameters         jsonb        not null
);
create index stripe_sandbox_payment_links_by_created on stripe_sandbox_payment_links (created desc, id);

create table stripe_sandbox_checkout_sessions (
    id                varchar(128) primary key,
    payment_link_id   varchar(64)  not null references stripe_sandbox_payment_links (id),
    stripe_account    varchar(255),
    created           bigint       not null,
    amount_total      bigint       not null,
    currency          varchar(3)   not null,
    customer_email    varchar(320),
    payment_intent_id varchar(64)  not null,
    metadata          jsonb        not null
);
create index stripe_sandbox_checkout_sessions_by_link on stripe_sandbox_checkout_sessions (payment_link_id, created desc);

-- scope is the Stripe-Account the key was used with ('' for the platform): keys are per account, as on Stripe
create table stripe_sandbox_idempotency_keys (
    scope           varchar(255)  not null,
    idempotency_key varchar(255)  not null,
    fingerprint     text          not null,
    status          int           not null,
    body            text          not null,
    request_id      varchar(64)   not null,
    created         bigint        not null,
    primary key (scope, idempotency_key)
);
