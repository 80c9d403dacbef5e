-- Human ticket numbers (TCK-000123): a sequence never hands out a number twice.
CREATE SEQUENCE ticket_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

-- Idempotency keys: the first answer to a (principal, key) pair, replayed for every repeat.
-- The row is written in the same transaction as the command's events.
CREATE TABLE idempotency_key (
    principal_id  VARCHAR(255) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    fingerprint   CHAR(64)     NOT NULL,
    status        INTEGER      NOT NULL,
    headers       TEXT         NOT NULL,
    body          BYTEA,
    created_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (principal_id, idem_key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);

-- Policies, calendars and contracts: append-only versions. A change is a new row; a row is
-- never updated or deleted, so every version a ticket was opened under stays readable.
CREATE TABLE catalog_calendar (
    calendar_id VARCHAR(100) NOT NULL,
    version     INTEGER      NOT NULL CHECK (version >= 1),
    document    TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (calendar_id, version)
);

CREATE TABLE catalog_policy (
    policy_id  VARCHAR(100) NOT NULL,
    version    INTEGER      NOT NULL CHECK (version >= 1),
    document   TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    created_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (policy_id, version)
);

CREATE TABLE catalog_contract (
    organization_id VARCHAR(100) NOT NULL,
    version         INTEGER      NOT NULL CHECK (version >= 1),
    policy_id       VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    created_by      VARCHAR(255) NOT NULL,
    PRIMARY KEY (organization_id, version)
);

CREATE FUNCTION prazo_refuse_catalog_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'catalog versions are append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_calendar_append_only BEFORE UPDATE OR DELETE ON catalog_calendar
    FOR EACH ROW EXECUTE FUNCTION prazo_refuse_catalog_change();
CREATE TRIGGER catalog_policy_append_only BEFORE UPDATE OR DELETE ON catalog_policy
    FOR EACH ROW EXECUTE FUNCTION prazo_refuse_catalog_change();
CREATE TRIGGER catalog_contract_append_only BEFORE UPDATE OR DELETE ON catalog_contract
    FOR EACH ROW EXECUTE FUNCTION prazo_refuse_catalog_change();
