-- invoicing module: the Invoice aggregate. Money is minor units (bigint) plus an ISO 4217 code.
create table invoices (
    id                        bigint generated always as identity primary key,
    organization_id           bigint        not null references organizations (id),
    invoice_number            varchar(64)   not null,
    buyer_name                varchar(200)  not null,
    buyer_email               varchar(320),
    issue_date                date          not null,
    due_date                  date          not null,
    billing_amount            bigint        not null,
    currency                  char(3)       not null check (currency ~ '^[A-Z]{3}$'),
    online_payment_status     varchar(20)   not null default 'NOT_CREATED'
        check (online_payment_status in ('NOT_CREATED', 'LINK_REQUESTED', 'LINK_FAILED', 'PENDING_PAYMENT', 'PAID')),
    payment_link_requested_at timestamptz,
    payment_link_requested_by varchar(200),
    -- counts requests of a link for this invoice; a retry after a failure is a new attempt
    payment_link_attempt      int           not null default 0,
    payment_link_id           varchar(255),
    payment_link_url          varchar(2048),
    payment_link_created_at   timestamptz,
    payment_link_failure      varchar(1000),
    created_at                timestamptz   not null default now(),
    version                   bigint        not null default 0,
    constraint invoices_number_unique_per_organization unique (organization_id, invoice_number),
    constraint invoices_due_after_issue check (due_date >= issue_date),
    -- a link, once recorded, has both its id and its URL
    constraint invoices_link_complete check ((payment_link_id is null) = (payment_link_url is null))
);

-- each sortable column, tie-broken by id, within the organization
create index invoices_by_issue_date on invoices (organization_id, issue_date, id);
create index invoices_by_due_date on invoices (organization_id, due_date, id);
create index invoices_by_amount on invoices (organization_id, billing_amount, id);
create index invoices_by_buyer on invoices (organization_id, buyer_name, id);
create unique index invoices_payment_link_id on invoices (payment_link_id) where payment_link_id is not null;
