-- invoicing module: the Online Payment filter's option counts ("Pending Payment (250,000)") and the count of a
-- status or flag list without counting rows. V12's invoice_counts row of each organization learns a counter per
-- stored status and per payment flag, kept exact by statement-level triggers like V12's, now also on update
-- (a status or a flag changes by update).
--
-- One row per organization: a statement that changes counts locks it until its transaction ends, so concurrent
-- status changes of one organization queue there for the rest of their (short) transactions. Statements that
-- change no count (most updates: a version bump, a link URL, an audit-only change) leave the row alone.
-- No check constraints on the counters (V12's on invoices goes): a counter off by a bug must not fail a payment's
-- transaction, and an upsert's proposed row (a negative delta) is checked before its conflict is found. The
-- reads clamp at zero; InvoiceCountsIntegrationTests compare every counter with count(*).

-- No invoice changes between the counting below and the triggers taking over (other nodes keep writing while
-- a new node migrates): writers wait for this migration's commit.
lock table invoices in share row exclusive mode;

alter table invoice_counts
    drop constraint invoice_counts_invoices_check,
    add column not_created        bigint not null default 0,
    add column link_requested     bigint not null default 0,
    add column link_failed        bigint not null default 0,
    add column pending_payment    bigint not null default 0,
    add column paid               bigint not null default 0,
    -- the flags, with the conditions BillingInvoiceQueries.flagCondition writes (each also inside its FLAGGED)
    add column payment_differs    bigint not null default 0,
    add column overpaid           bigint not null default 0,
    add column paid_twice         bigint not null default 0,
    add column refunded           bigint not null default 0,
    add column partially_refunded bigint not null default 0,
    add column disputed           bigint not null default 0,
    add column dispute_lost       bigint not null default 0,
    add column payment_failed     bigint not null default 0;

drop trigger invoices_counted_on_insert on invoices;
drop trigger invoices_counted_on_delete on invoices;
drop function invoice_counts_add();
drop function invoice_counts_remove();

-- One function for insert, update and delete: the changed rows (+1 for a row's new state, -1 for its old one)
-- summed per organization. The transition tables are visible to EXECUTE, so the sums are written once.
create function invoice_counts_changed() returns trigger language plpgsql as $$
declare
    changes text := case tg_op
        when 'INSERT' then 'select 1 as s, a.* from added a'
        when 'DELETE' then 'select -1 as s, r.* from removed r'
        else 'select 1 as s, a.* from added a union all select -1 as s, r.* from removed r' end;
begin
    execute 'with changes as (' || changes || '),
        delta as (
            select organization_id,
                   sum(s) as invoices,
                   coalesce(sum(s) filter (where online_payment_status = ''NOT_CREATED''), 0) as not_created,
                   coalesce(sum(s) filter (where online_payment_status = ''LINK_REQUESTED''), 0) as link_requested,
                   coalesce(sum(s) filter (where online_payment_status = ''LINK_FAILED''), 0) as link_failed,
                   coalesce(sum(s) filter (where online_payment_status = ''PENDING_PAYMENT''), 0) as pending_payment,
                   coalesce(sum(s) filter (where online_payment_status = ''PAID''), 0) as paid,
                   coalesce(sum(s) filter (where differing_currency is not null), 0) as payment_differs,
                   coalesce(sum(s) filter (where online_payment_status = ''PAID'' and paid_currency = currency
                                             and paid_amount > billing_amount), 0) as overpaid,
                   coalesce(sum(s) filter (where payment_count > 1), 0) as paid_twice,
                   coalesce(sum(s) filter (where refund_state = ''FULL''), 0) as refunded,
                   coalesce(sum(s) filter (where refund_state = ''PARTIAL''), 0) as partially_refunded,
                   coalesce(sum(s) filter (where dispute_state = ''OPEN''), 0) as disputed,
                   coalesce(sum(s) filter (where dispute_state = ''LOST''), 0) as dispute_lost,
                   coalesce(sum(s) filter (where online_payment_status <> ''PAID''
                                             and payment_failed_at is not null), 0) as payment_failed
              from changes group by organization_id)
        insert into invoice_counts as c (organization_id, invoices, not_created, link_requested, link_failed,
                pending_payment, paid, payment_differs, overpaid, paid_twice, refunded, partially_refunded,
                disputed, dispute_lost, payment_failed)
        select * from delta
         where (invoices, not_created, link_requested, link_failed, pending_payment, paid, payment_differs,
                overpaid, paid_twice, refunded, partially_refunded, disputed, dispute_lost, payment_failed)
               <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
         -- (the row of an organization exists for every update and delete, its invoices were counted in: only
         -- a first insert takes the insert path, the others add their delta, negative or not)
        on conflict (organization_id) do update set
            invoices = c.invoices + excluded.invoices,
            not_created = c.not_created + excluded.not_created,
            link_requested = c.link_requested + excluded.link_requested,
            link_failed = c.link_failed + excluded.link_failed,
            pending_payment = c.pending_payment + excluded.pending_payment,
            paid = c.paid + excluded.paid,
            payment_differs = c.payment_differs + excluded.payment_differs,
            overpaid = c.overpaid + excluded.overpaid,
            paid_twice = c.paid_twice + excluded.paid_twice,
            refunded = c.refunded + excluded.refunded,
            partially_refunded = c.partially_refunded + excluded.partially_refunded,
            disputed = c.disputed + excluded.disputed,
            dispute_lost = c.dispute_lost + excluded.dispute_lost,
            payment_failed = c.payment_failed + excluded.payment_failed';
    return null;
end $$;

create trigger invoices_counted_on_insert after insert on invoices
    referencing new table as added for each statement execute function invoice_counts_changed();
create trigger invoices_counted_on_update after update on invoices
    referencing old table as removed new table as added for each statement execute function invoice_counts_changed();
create trigger invoices_counted_on_delete after delete on invoices
    referencing old table as removed for each statement execute function invoice_counts_changed();

update invoice_counts c set
       not_created = x.not_created, link_requested = x.link_requested, link_failed = x.link_failed,
       pending_payment = x.pending_payment, paid = x.paid, payment_differs = x.payment_differs,
       overpaid = x.overpaid, paid_twice = x.paid_twice, refunded = x.refunded,
       partially_refunded = x.partially_refunded, disputed = x.disputed, dispute_lost = x.dispute_lost,
       payment_failed = x.payment_failed
  from (select organization_id,
               count(*) filter (where online_payment_status = 'NOT_CREATED') as not_created,
               count(*) filter (where online_payment_status = 'LINK_REQUESTED') as link_requested,
               count(*) filter (where online_payment_status = 'LINK_FAILED') as link_failed,
               count(*) filter (where online_payment_status = 'PENDING_PAYMENT') as pending_payment,
               count(*) filter (where online_payment_status = 'PAID') as paid,
               count(*) filter (where differing_currency is not null) as payment_differs,
               count(*) filter (where online_payment_status = 'PAID' and paid_currency = currency
                                  and paid_amount > billing_amount) as overpaid,
               count(*) filter (where payment_count > 1) as paid_twice,
               count(*) filter (where refund_state = 'FULL') as refunded,
               count(*) filter (where refund_state = 'PARTIAL') as partially_refunded,
               count(*) filter (where dispute_state = 'OPEN') as disputed,
               count(*) filter (where dispute_state = 'LOST') as dispute_lost,
               count(*) filter (where online_payment_status <> 'PAID' and payment_failed_at is not null) as payment_failed
          from invoices group by organization_id) x
 where c.organization_id = x.organization_id;
