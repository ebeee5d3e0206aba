-- Every statement the outbox code runs, as the articles show them. OutboxSQL.swift loads this file and the
-- tests run each statement against a real PostgreSQL, so no SQL a reader sees is untested. A `-- name:`
-- line starts a statement; `-- snippet.` lines mark the regions the articles include.

-- snippet.schema
-- name: schema
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
-- snippet.end

-- snippet.inbox-schema
-- name: inboxSchema
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
-- snippet.end

-- snippet.place-order
-- name: insertOrder
INSERT INTO orders (id, customer_id, total_cents) VALUES ($1, $2, $3);

-- name: insertEvent
INSERT INTO outbox
    (event_id, aggregate_type, aggregate_id, type, payload, traceparent)
VALUES ($1, $2, $3, $4, $5::jsonb, $6);
-- snippet.end

-- snippet.change-status
-- name: updateStatus
-- Locks the order's row first: a second change to the same order
-- waits here, so one order's outbox rows get ids in commit order.
UPDATE orders SET status = $2 WHERE id = $1 RETURNING customer_id;
-- snippet.end

-- snippet.claim
-- name: claimBatch
SELECT id, event_id, aggregate_id, type, payload::text, traceparent, attempts
FROM outbox
WHERE sent_at IS NULL
  AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
ORDER BY id
LIMIT $2
FOR UPDATE SKIP LOCKED;
-- snippet.end

-- snippet.claim-per-aggregate
-- name: claimHeadsOfAggregates
-- Only the oldest unsent event of each aggregate is eligible. While
-- one relay holds it, a second relay skips it and cannot take the
-- aggregate's next event either.
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
FOR UPDATE SKIP LOCKED;
-- snippet.end

-- snippet.mark-sent
-- name: markSent
UPDATE outbox SET sent_at = $1 WHERE id = ANY($2);

-- name: reschedule
UPDATE outbox
SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3
WHERE id = $1;
-- snippet.end

-- snippet.high-water-mark
-- name: pollAfterHighWaterMark
-- The tempting relay query. Do not use it: it skips rows whose
-- transactions commit after a row with a higher id.
SELECT id, event_id, aggregate_id, type, payload::text, traceparent, attempts
FROM outbox
WHERE id > $1
ORDER BY id
LIMIT $2;
-- snippet.end

-- snippet.cleanup
-- name: deleteSent
-- Deletes sent rows older than the cut-off, a bounded batch at a time
-- so no single statement holds locks for long.
DELETE FROM outbox
WHERE id IN (
    SELECT id FROM outbox
    WHERE sent_at < $1
    ORDER BY id
    LIMIT $2)
RETURNING id;
-- snippet.end

-- snippet.backlog
-- name: backlog
SELECT count(*), min(created_at) FROM outbox WHERE sent_at IS NULL;
-- snippet.end

-- snippet.inbox
-- name: recordInInbox
INSERT INTO inbox (consumer, message_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING
RETURNING message_id;

-- name: addToCustomerTotals
INSERT INTO customer_totals (customer_id, orders, total_cents)
VALUES ($1, 1, $2)
ON CONFLICT (customer_id) DO UPDATE
SET orders = customer_totals.orders + 1,
    total_cents = customer_totals.total_cents + excluded.total_cents;
-- snippet.end

-- snippet.inbox-window
-- name: forgetInboxEntries
DELETE FROM inbox WHERE consumer = $1 AND received_at < $2;
-- snippet.end
