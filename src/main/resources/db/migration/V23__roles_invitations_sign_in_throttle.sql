-- Issue 16: roles inside an organization, invited users, and the sign-in throttle.

-- Every user so far could do everything: they become Owners. No default afterwards, so that no code path makes
-- an Owner by leaving the role out.
alter table users add column role varchar(20) not null default 'OWNER'
    check (role in ('OWNER', 'BILLING_MANAGER', 'VIEWER'));
alter table users alter column role drop default;

-- An invited user has no password until they open their one-time link; only the SHA-256 of the link's token is
-- kept (a database reader cannot use the link).
alter table users alter column password_hash drop not null;
alter table users add column invitation_token_hash varchar(64);
alter table users add column invitation_expires_at timestamptz;
alter table users add constraint users_password_or_invitation
    check (password_hash is not null or invitation_token_hash is not null);
create unique index users_invitation_token_idx on users (invitation_token_hash)
    where invitation_token_hash is not null;

-- Sign-in attempts, throttled per username and per client address on every node (ui.security.SignInThrottle):
-- Bucket4j's PostgreSQL select-for-update proxy manager, as stripe_rate_buckets (V17).
create table sign_in_buckets (
    id    varchar(300) primary key,
    state bytea
);
