-- Several nodes on one database (issue 13).

-- The Stripe request budget all nodes share: one Bucket4j token bucket per Stripe account (StripeBudget).
-- Bucket4j's PostgreSQL select-for-update proxy manager reads and writes the row under SELECT ... FOR UPDATE;
-- state is its serialized bucket. A handful of rows: one per Stripe account the app calls.
create table stripe_rate_buckets (
    id    varchar(300) primary key,
    state bytea
);

-- ShedLock: each scheduled job runs on one node per period (SchedulerLocks). Times are the database's
-- (usingDbTime), so node clocks do not matter.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
