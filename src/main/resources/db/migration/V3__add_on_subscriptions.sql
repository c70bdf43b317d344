-- payments module: which organization may use which paid add-on
create table add_on_subscriptions (
    organization_id bigint      not null references organizations (id),
    add_on          varchar(64) not null,
    subscribed_at   timestamptz not null,
    canceled_at     timestamptz,
    primary key (organization_id, add_on)
);
