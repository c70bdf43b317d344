package com.merchantbilling.payments.internal.reconciliation;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The durable cursors of the event catch-up, one per Stripe account (table stripe_event_cursors, V25). */
@Component
class StripeEventCursors {

    /**
     * Where the listing of one account stands.
     *
     * @param floorCreated events created after this (epoch seconds) are still to be listed
     * @param upperCreated the bound of the listing in progress, null when none is
     * @param resumeAfter  the last event taken of the listing in progress ({@code starting_after} of the next page)
     * @param version      0 for a cursor not yet stored
     */
    record Cursor(String accountKey, long floorCreated, Long upperCreated, String resumeAfter, long version) {

        Cursor listingUpTo(long upper) {
            return new Cursor(accountKey, floorCreated, upper, null, version);
        }

        Cursor after(String eventId) {
            return new Cursor(accountKey, floorCreated, upperCreated, eventId, version);
        }

        Cursor listed() {
            return new Cursor(accountKey, upperCreated, null, null, version);
        }
    }

    private final JdbcClient jdbc;

    StripeEventCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Cursor> find(String accountKey) {
        return jdbc.sql("""
                        select account_key, floor_created, upper_created, resume_after, version
                          from stripe_event_cursors where account_key = :key""")
                .param("key", accountKey)
                .query((rows, row) -> new Cursor(rows.getString(1), rows.getLong(2),
                        rows.getObject(3) == null ? null : rows.getLong(3), rows.getString(4), rows.getLong(5)))
                .optional();
    }

    /**
     * Saves the cursor if nobody moved it since it was read (its version); a run that lost this race stops, the
     * other run's listing covers what it would have listed.
     *
     * @return the saved cursor (next version), empty when another run moved it first
     */
    Optional<Cursor> save(Cursor cursor) {
        int updated = cursor.version() == 0
                ? jdbc.sql("""
                        insert into stripe_event_cursors (account_key, floor_created, upper_created, resume_after, version)
                        values (:key, :floor, :upper, :resume, 1)
                        on conflict (account_key) do nothing""")
                        .param("key", cursor.accountKey()).param("floor", cursor.floorCreated())
                        .param("upper", cursor.upperCreated()).param("resume", cursor.resumeAfter())
                        .update()
                : jdbc.sql("""
                        update stripe_event_cursors
                           set floor_created = :floor, upper_created = :upper, resume_after = :resume,
                               version = version + 1, updated_at = now()
                         where account_key = :key and version = :version""")
                        .param("key", cursor.accountKey()).param("floor", cursor.floorCreated())
                        .param("upper", cursor.upperCreated()).param("resume", cursor.resumeAfter())
                        .param("version", cursor.version())
                        .update();
        return updated == 1 ? Optional.of(new Cursor(cursor.accountKey(), cursor.floorCreated(),
                cursor.upperCreated(), cursor.resumeAfter(), cursor.version() + 1)) : Optional.empty();
    }
}
