-- invoicing module: what happened to an invoice's payment besides "Paid". The status keeps its meaning
-- (Paid is final); these are flags beside it.
alter table invoices
    -- a payment for less than the bill, or in another currency: not Paid, the merchant reviews it
    add column differing_amount   bigint,
    add column differing_currency char(3) check (differing_currency ~ '^[A-Z]{3}$'),
    -- summed over the invoice's payments: PARTIAL or FULL
    add column refund_state       varchar(20) check (refund_state in ('PARTIAL', 'FULL')),
    add column refunded_amount    bigint,
    -- the worst dispute of the invoice's payments: OPEN, WON or LOST
    add column dispute_state      varchar(20) check (dispute_state in ('OPEN', 'WON', 'LOST')),
    -- the last declined attempt; only shown while the invoice is not Paid
    add column payment_failed_at  timestamptz,
    add constraint invoices_differing_complete check ((differing_amount is null) = (differing_currency is null));

-- refunds and disputes name the payment intent; it is how they find the payment we recorded
alter table invoice_payments
    add column payment_intent_id varchar(255),
    -- charge.amount_refunded as of refunds_as_of (Stripe's event time): the newest report wins
    add column refunded_amount   bigint not null default 0,
    add column refunds_as_of     timestamptz,
    add column dispute_id        varchar(255),
    add column dispute_status    varchar(40),
    add column dispute_as_of     timestamptz,
    drop constraint invoice_payments_flag_check,
    add constraint invoice_payments_flag_check check (flag in ('AMOUNT_DIFFERS', 'ADDITIONAL_PAYMENT', 'OVERPAID'));
create unique index invoice_payments_by_payment_intent on invoice_payments (payment_intent_id)
    where payment_intent_id is not null;

-- one row per Stripe refund, from charge.refund.updated; the newest report of each refund wins
create table invoice_refunds (
    refund_id  varchar(255) primary key,
    payment_id bigint       not null references invoice_payments (id),
    amount     bigint       not null,
    status     varchar(30)  not null,
    as_of      timestamptz  not null
);
create index invoice_refunds_by_payment on invoice_refunds (payment_id);

alter table invoice_audit_entries
    drop constraint invoice_audit_entries_action_check,
    add constraint invoice_audit_entries_action_check check (action in ('LINK_REQUESTED', 'LINK_CREATED',
        'LINK_FAILED', 'PAID', 'ADDITIONAL_PAYMENT', 'PAYMENT_DIFFERS', 'REFUNDED', 'PARTIALLY_REFUNDED',
        'REFUND_REVERSED', 'DISPUTED', 'DISPUTE_WON', 'DISPUTE_LOST', 'PAYMENT_FAILED',
        'ORPHAN_LINK_DEACTIVATED'));
