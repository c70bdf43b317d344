-- Issue 16 (helper F): the Stripe account each payment link was created on, the organizations' connected
-- accounts as Stripe last reported them, and who subscribed to or canceled an add-on.

-- invoicing module: the Stripe account (acct_...) a link was created on; null is the platform account.
-- Reconciliation and payment matching use this, not the organization's current account, so an organization
-- that changes its account never strands an invoice whose link lives on the old one.
alter table invoices add column payment_link_stripe_account varchar(255)
    check (payment_link_stripe_account like 'acct\_%');
-- every link recorded so far was created on its organization's account of the time, which is still its account
update invoices i set payment_link_stripe_account = o.stripe_account_id
    from organizations o
    where o.id = i.organization_id and i.payment_link_id is not null and o.stripe_account_id is not null;

-- payments module: an organization's connected account (Stripe Connect, onboarded through Account Links) and its
-- state as last retrieved or reported by account.updated. charges_enabled gates link creation.
create table stripe_connected_accounts (
    organization_id   bigint       primary key references organizations (id),
    account_id        varchar(255) not null unique check (account_id like 'acct\_%'),
    charges_enabled   boolean      not null default false,
    details_submitted boolean      not null default false,
    -- requirements.currently_due as Stripe lists them (e.g. business_profile.url), in Stripe's order
    currently_due     text[]       not null default '{}',
    connected_by      varchar(200) not null,
    connected_at      timestamptz  not null,
    updated_at        timestamptz  not null
);

-- payments module: the add-on's audit trail (who subscribed or canceled, when); add_on_subscriptions keeps the
-- current state and the date since when it is active
create table add_on_audit_entries (
    id              bigint generated always as identity primary key,
    organization_id bigint       not null references organizations (id),
    add_on          varchar(64)  not null,
    action          varchar(16)  not null check (action in ('SUBSCRIBED', 'CANCELED')),
    actor           varchar(200) not null,
    at              timestamptz  not null
);
create index add_on_audit_entries_by_organization on add_on_audit_entries (organization_id, add_on, at desc, id desc);
