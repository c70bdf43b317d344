-- payments module: this deployment's identity at Stripe. Every idempotency key and every payment link's
-- metadata carry it, so two deployments on one Stripe account (staging and production, a restored backup of
-- production) can neither replay each other's keys nor pay each other's invoices. One row, made on first start.
create table payments_deployment (
    singleton     boolean     primary key default true check (singleton),
    deployment_id varchar(40) not null check (deployment_id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    created_at    timestamptz not null default now()
);
