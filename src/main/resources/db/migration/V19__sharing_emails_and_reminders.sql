-- sharing module (issue 14): payment links emailed to buyers, reminders, and what was sent when.
-- The module owns these tables; it reads invoices and organizations through their modules' APIs only.

-- Per organization: the language of buyers without one of their own, and the automatic reminder
-- (N days after the due date; null = off, the default).
create table sharing_settings (
    organization_id     bigint      primary key references organizations (id),
    default_language    varchar(2)  not null default 'en' check (default_language in ('en', 'ja')),
    reminder_after_days int         check (reminder_after_days between 1 and 365),
    updated_at          timestamptz not null default now()
);
-- the job's walk: organizations whose automatic reminder is on
create index sharing_settings_reminders_on on sharing_settings (organization_id) where reminder_after_days is not null;

-- A buyer's language chosen for one invoice (in the email dialog); absent = the organization's default.
create table sharing_invoice_languages (
    invoice_id      bigint     primary key references invoices (id),
    organization_id bigint     not null references organizations (id),
    language        varchar(2) not null check (language in ('en', 'ja'))
);

-- One email to a buyer. The unique (invoice, kind, run_key) row is claimed before the mail server is asked, so
-- a send happens once in the cluster: run_key is a merchant's run (its UUID) or an automatic reminder step
-- ('auto-1'). UNAVAILABLE (mail server down) rows are claimed again by a retry; SENDING rows are in flight
-- (or their node died mid-send: then nobody knows whether the buyer got it, and nothing sends it again).
create table sharing_deliveries (
    id              bigint        generated always as identity primary key,
    organization_id bigint        not null references organizations (id),
    invoice_id      bigint        not null references invoices (id),
    kind            varchar(20)   not null check (kind in ('PAYMENT_LINK', 'REMINDER')),
    run_key         varchar(80)   not null,
    recipient       varchar(320)  not null,
    language        varchar(2)    not null check (language in ('en', 'ja')),
    link_url        varchar(2048) not null,
    status          varchar(20)   not null check (status in ('SENDING', 'SENT', 'REFUSED', 'UNAVAILABLE')),
    detail          varchar(1000),
    requested_by    varchar(200)  not null,
    attempts        int           not null default 1,
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now(),
    sent_at         timestamptz,
    constraint sharing_deliveries_once unique (invoice_id, kind, run_key)
);
create index sharing_deliveries_by_invoice on sharing_deliveries (organization_id, invoice_id, created_at);

-- The send log: every attempt's outcome (sent, refused with the server's reason, server down), never updated.
create table sharing_delivery_attempts (
    id           bigint        generated always as identity primary key,
    delivery_id  bigint        not null references sharing_deliveries (id),
    occurred_at  timestamptz   not null default now(),
    status       varchar(20)   not null check (status in ('SENT', 'REFUSED', 'UNAVAILABLE')),
    detail       varchar(1000),
    attempted_by varchar(200)  not null
);
create index sharing_delivery_attempts_by_delivery on sharing_delivery_attempts (delivery_id, occurred_at);
