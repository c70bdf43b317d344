-- invoicing module: the Billing Invoices list stays fast on books of a million invoices.

-- The filter matches text anywhere in the buyer or the invoice number (ILIKE '%text%'), which a b-tree
-- cannot serve; trigram indexes can for three characters or more. pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database owner may create it without superuser rights.
create extension if not exists pg_trgm;
create index invoices_buyer_trigrams on invoices using gin (buyer_name gin_trgm_ops);
create index invoices_number_trigrams on invoices using gin (invoice_number gin_trgm_ops);

-- "N invoices" without counting a million rows on every page turn: an exact count per organization,
-- kept by statement-level triggers (one update per statement, not per row, so bulk loads stay cheap).
create table invoice_counts (
    organization_id bigint primary key references organizations (id),
    invoices        bigint not null check (invoices >= 0)
);
insert into invoice_counts (organization_id, invoices)
select organization_id, count(*) from invoices group by organization_id;

create function invoice_counts_add() returns trigger language plpgsql as $$
begin
    insert into invoice_counts (organization_id, invoices)
    select organization_id, count(*) from added group by organization_id
    on conflict (organization_id) do update set invoices = invoice_counts.invoices + excluded.invoices;
    return null;
end $$;

create function invoice_counts_remove() returns trigger language plpgsql as $$
begin
    update invoice_counts c set invoices = c.invoices - r.removed
      from (select organization_id, count(*) as removed from removed group by organization_id) r
     where c.organization_id = r.organization_id;
    return null;
end $$;

create trigger invoices_counted_on_insert after insert on invoices
    referencing new table as added for each statement execute function invoice_counts_add();
create trigger invoices_counted_on_delete after delete on invoices
    referencing old table as removed for each statement execute function invoice_counts_remove();
