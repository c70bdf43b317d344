-- organizations module: tenants and the users who sign in for them
create table organizations (
    id                bigint generated always as identity primary key,
    name              varchar(200) not null,
    stripe_account_id varchar(255) check (stripe_account_id like 'acct\_%'),
    created_at        timestamptz  not null default now()
);

create table users (
    id              bigint generated always as identity primary key,
    organization_id bigint       not null references organizations (id),
    username        varchar(200) not null unique check (username = lower(username)),
    display_name    varchar(200) not null,
    password_hash   varchar(500) not null,
    enabled         boolean      not null default true,
    created_at      timestamptz  not null default now()
);
create index users_organization_idx on users (organization_id);
