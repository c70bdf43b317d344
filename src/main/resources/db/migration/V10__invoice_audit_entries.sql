-- invoicing module: who did what to an invoice's online payment, and what Stripe reported. Written in the
-- same transaction as the change it records; never updated or deleted.
create table invoice_audit_entries (
    id                         bigint generated always as identity primary key,
    organization_id            bigint        not null references organizations (id),
    invoice_id                 bigint        not null references invoices (id),
    action                     varchar(30)   not null
        check (action in ('LINK_REQUESTED', 'LINK_CREATED', 'LINK_FAILED', 'PAID', 'ADDITIONAL_PAYMENT')),
    -- the signed-in user for requests; 'Stripe' for what Stripe reported
    actor                      varchar(200)  not null,
    occurred_at                timestamptz   not null,
    payment_link_id            varchar(255),
    checkout_session_id        varchar(255),
    stripe_event_id            varchar(255),
    detail                     varchar(1000),
    recorded_at                timestamptz   not null default now()
);
create index invoice_audit_entries_by_invoice on invoice_audit_entries (organization_id, invoice_id, id);
