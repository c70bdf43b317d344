-- invoicing module: payments received for invoices. The invoice keeps the payment that made it Paid;
-- every received payment, including any after the first, is kept in invoice_payments.
alter table invoices
    add column paid_at       timestamptz,
    add column paid_amount   bigint,
    add column paid_currency char(3) check (paid_currency ~ '^[A-Z]{3}$'),
    -- more than one means the buyer paid again after the invoice was Paid: someone must refund or explain
    add column payment_count int not null default 0,
    add constraint invoices_paid_complete check (
        (online_payment_status = 'PAID') = (paid_at is not null)
        and (paid_at is null) = (paid_amount is null)
        and (paid_at is null) = (paid_currency is null));

create table invoice_payments (
    id                  bigint generated always as identity primary key,
    invoice_id          bigint       not null references invoices (id),
    -- one Checkout Session pays once, however often Stripe or reconciliation reports it
    checkout_session_id varchar(255) not null unique,
    payment_link_id     varchar(255),
    amount              bigint       not null,
    currency            char(3)      not null check (currency ~ '^[A-Z]{3}$'),
    paid_at             timestamptz  not null,
    stripe_event_id     varchar(255),
    flag                varchar(30) check (flag in ('AMOUNT_DIFFERS', 'ADDITIONAL_PAYMENT')),
    recorded_at         timestamptz  not null default now()
);
create index invoice_payments_by_invoice on invoice_payments (invoice_id);
-- the reconciliation job's scan: links still waiting for payment
create index invoices_pending_payment on invoices (id) where online_payment_status = 'PENDING_PAYMENT';
