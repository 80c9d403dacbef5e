-- ticket-query's read models, in a schema of its own. Every table here is a pure fold of the
-- event store: a rebuild truncates and replays them.

-- Where the query service's event processor is in the event store, per segment.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- Each ticket as dashboards show it. `view` and `sla` are the folds themselves (ticket fields, and
-- sla-core's clock state); the other columns are copies of what lists filter, sort and count by.
-- Clock columns are the clocks as of the ticket's last event (updated_at): a running clock's status
-- at a later instant t is BREACHED if t > due_at and t > updated_at, AT_RISK if t >= risk_at, else
-- RUNNING (sla-core's SlaClocks.statusAt); every other status stays until the next event.
CREATE TABLE ticket (
    ticket_id                VARCHAR(100) PRIMARY KEY,
    number                   VARCHAR(40)  NOT NULL,
    organization_id          VARCHAR(100) NOT NULL,
    status                   VARCHAR(20)  NOT NULL,
    priority                 VARCHAR(100) NOT NULL,
    assignee                 VARCHAR(200),
    policy_id                VARCHAR(100) NOT NULL,
    policy_version           INTEGER      NOT NULL,
    compliance_goal          DOUBLE PRECISION NOT NULL,
    created_at               TIMESTAMPTZ  NOT NULL,
    updated_at               TIMESTAMPTZ  NOT NULL,
    resolved_at              TIMESTAMPTZ,
    version                  BIGINT       NOT NULL,
    first_response_status    VARCHAR(20)  NOT NULL,
    first_response_due_at    TIMESTAMPTZ,
    first_response_risk_at   TIMESTAMPTZ,
    resolution_status        VARCHAR(20)  NOT NULL,
    resolution_due_at        TIMESTAMPTZ,
    resolution_risk_at       TIMESTAMPTZ,
    auto_close_at            TIMESTAMPTZ,
    view                     TEXT         NOT NULL,
    sla                      TEXT         NOT NULL
);

-- The work queue (sort=dueAt), whole and per filter, each in queue order so that a page is read
-- off the index instead of sorting every matching ticket.
CREATE INDEX ticket_queue ON ticket (resolution_due_at, created_at, ticket_id);
CREATE INDEX ticket_status_queue ON ticket (status, resolution_due_at, created_at, ticket_id);
CREATE INDEX ticket_organization_queue
    ON ticket (organization_id, resolution_due_at, created_at, ticket_id);
CREATE INDEX ticket_assignee_queue ON ticket (assignee, resolution_due_at, created_at, ticket_id);
CREATE INDEX ticket_priority_queue ON ticket (priority, resolution_due_at, created_at, ticket_id);
-- Newest first (sort=-createdAt, the default) and oldest first.
CREATE INDEX ticket_created ON ticket (created_at, ticket_id);
CREATE INDEX ticket_organization_created ON ticket (organization_id, created_at, ticket_id);
-- The compliance report: tickets resolved in a period.
CREATE INDEX ticket_resolved ON ticket (resolved_at) WHERE resolved_at IS NOT NULL;
