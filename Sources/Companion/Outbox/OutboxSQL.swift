// Every statement the outbox code runs, as the articles show it. The tests run these same strings against
// a real PostgreSQL, so no SQL a reader sees is untested.

public enum OutboxSQL {
    // snippet.schema
    public static let schema = """
        CREATE TABLE orders (
            id          uuid PRIMARY KEY,
            customer_id text NOT NULL,
            total_cents bigint NOT NULL,
            status      text NOT NULL DEFAULT 'placed'
        );

        CREATE TABLE outbox (
            id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id        uuid NOT NULL UNIQUE,
            aggregate_type  text NOT NULL,
            aggregate_id    text NOT NULL,
            type            text NOT NULL,
            payload         jsonb NOT NULL,
            traceparent     text,
            created_at      timestamptz NOT NULL DEFAULT now(),
            attempts        int NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            last_error      text,
            sent_at         timestamptz
        );

        -- The relay only ever looks for unsent rows: keep that index small.
        CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
        CREATE INDEX outbox_unsent_by_aggregate ON outbox (aggregate_id, id)
            WHERE sent_at IS NULL;
        """
    // snippet.end

    // snippet.inbox-schema
    public static let inboxSchema = """
        CREATE TABLE inbox (
            consumer    text NOT NULL,
            message_id  text NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (consumer, message_id)
        );

        CREATE TABLE customer_totals (
            customer_id text PRIMARY KEY,
            orders      int NOT NULL,
            total_cents bigint NOT NULL
        );
        """
    // snippet.end

    // snippet.place-order
    static let insertOrder = """
        INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3)
        """
    static let insertEvent = """
        INSERT INTO outbox
            (event_id, aggregate_type, aggregate_id, type, payload, traceparent)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6)
        """
    // snippet.end

    // snippet.change-status
    /// Locks the order's row first: a second change to the same order
    /// waits here, so one order's outbox rows get ids in commit order.
    static let updateStatus = """
        UPDATE orders SET status = $2 WHERE id = $1 RETURNING customer_id
        """
    // snippet.end

    // snippet.claim
    public static let claimBatch = """
        SELECT id, event_id, aggregate_id, type, payload::text, traceparent, attempts
        FROM outbox
        WHERE sent_at IS NULL
          AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
        ORDER BY id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
        """
    // snippet.end

    // snippet.claim-per-aggregate
    /// Only the oldest unsent event of each aggregate is eligible. While
    /// one relay holds it, a second relay skips it and cannot take the
    /// aggregate's next event either.
    public static let claimHeadsOfAggregates = """
        SELECT id, event_id, aggregate_id, type, payload::text, traceparent, attempts
        FROM outbox AS o
        WHERE sent_at IS NULL
          AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
          AND NOT EXISTS (
              SELECT 1 FROM outbox AS earlier
              WHERE earlier.aggregate_id = o.aggregate_id
                AND earlier.sent_at IS NULL
                AND earlier.id < o.id)
        ORDER BY id
        LIMIT $2
        FOR UPDATE SKIP LOCKED
        """
    // snippet.end

    // snippet.mark-sent
    static let markSent = """
        UPDATE outbox SET sent_at = $1 WHERE id = ANY($2)
        """
    static let reschedule = """
        UPDATE outbox
        SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3
        WHERE id = $1
        """
    // snippet.end

    // snippet.high-water-mark
    /// The tempting relay query. Do not use it: it skips rows whose
    /// transactions commit after a row with a higher id.
    public static let pollAfterHighWaterMark = """
        SELECT id, event_id, aggregate_id, type, payload::text, traceparent, attempts
        FROM outbox
        WHERE id > $1
        ORDER BY id
        LIMIT $2
        """
    // snippet.end

    // snippet.cleanup
    /// Deletes sent rows older than the cut-off, a bounded batch at a time
    /// so no single statement holds locks for long.
    static let deleteSent = """
        DELETE FROM outbox
        WHERE id IN (
            SELECT id FROM outbox
            WHERE sent_at < $1
            ORDER BY id
            LIMIT $2)
        RETURNING id
        """
    // snippet.end

    // snippet.backlog
    static let backlog = """
        SELECT count(*), min(created_at) FROM outbox WHERE sent_at IS NULL
        """
    // snippet.end

    // snippet.inbox
    static let recordInInbox = """
        INSERT INTO inbox (consumer, message_id) VALUES ($1, $2)
        ON CONFLICT DO NOTHING
        RETURNING message_id
        """
    static let addToCustomerTotals = """
        INSERT INTO customer_totals (customer_id, orders, total_cents)
        VALUES ($1, 1, $2)
        ON CONFLICT (customer_id) DO UPDATE
        SET orders = customer_totals.orders + 1,
            total_cents = customer_totals.total_cents + excluded.total_cents
        """
    // snippet.end

    // snippet.inbox-window
    static let forgetInboxEntries = """
        DELETE FROM inbox WHERE consumer = $1 AND received_at < $2
        """
    // snippet.end
}
