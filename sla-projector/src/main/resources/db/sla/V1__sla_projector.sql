-- sla-projector's tables, in a schema of its own.

-- Where the projector's event processor is in the event store, per segment.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Each ticket's SLA state: a pure fold of its events (rebuilt by a replay), with the instants
-- that matter and the actions it is still owed.
CREATE TABLE ticket_clock (
    ticket_id                  VARCHAR(100) PRIMARY KEY,
    version                    BIGINT       NOT NULL,
    last_event_at              TIMESTAMPTZ  NOT NULL,
    policy_id                  VARCHAR(100) NOT NULL,
    policy_version             INTEGER      NOT NULL,
    priority                   VARCHAR(100) NOT NULL,
    final                      BOOLEAN      NOT NULL,
    first_response_due_at      TIMESTAMPTZ,
    first_response_breached_at TIMESTAMPTZ,
    resolution_due_at          TIMESTAMPTZ,
    resolution_breached_at     TIMESTAMPTZ,
    auto_close_at              TIMESTAMPTZ,
    next_action_at             TIMESTAMPTZ,
    actions                    TEXT         NOT NULL,
    state                      TEXT         NOT NULL
);
CREATE INDEX ticket_clock_next_action ON ticket_clock (next_action_at)
    WHERE next_action_at IS NOT NULL;

-- What the projector did about each due action: operational facts, kept across rebuilds so a
-- replay never sends an action a second time while its effect is on its way.
CREATE TABLE action_attempt (
    action_id        VARCHAR(400) PRIMARY KEY,
    ticket_id        VARCHAR(100) NOT NULL,
    due_at           TIMESTAMPTZ  NOT NULL,
    attempts         INTEGER      NOT NULL,
    first_attempt_at TIMESTAMPTZ  NOT NULL,
    last_attempt_at  TIMESTAMPTZ  NOT NULL,
    outcome          VARCHAR(20)  NOT NULL CHECK (outcome IN ('RETRYING', 'ACCEPTED', 'REFUSED')),
    http_status      INTEGER,
    detail           TEXT
);
CREATE INDEX action_attempt_ticket ON action_attempt (ticket_id);
