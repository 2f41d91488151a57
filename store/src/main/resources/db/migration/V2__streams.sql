-- StellarStream payment streams, one row per (contract, stream id); amounts are base units (i128 fits 39 digits).
CREATE TABLE streams (
    contract_id      TEXT NOT NULL,
    stream_id        TEXT NOT NULL,
    contract_version INTEGER NOT NULL CHECK (contract_version IN (1, 2)),
    sender           TEXT NOT NULL,
    receiver         TEXT NOT NULL,
    token            TEXT NOT NULL,
    total_amount     NUMERIC(39, 0) NOT NULL CHECK (total_amount >= 0),
    withdrawn        NUMERIC(39, 0) NOT NULL DEFAULT 0 CHECK (withdrawn >= 0),
    status           TEXT NOT NULL CHECK (status IN ('ACTIVE', 'CANCELED', 'COMPLETED')),
    -- contract times, seconds since the epoch as the contract stores them
    start_time       BIGINT NOT NULL,
    cliff_time       BIGINT,
    end_time         BIGINT NOT NULL,
    to_receiver      NUMERIC(39, 0),
    to_sender        NUMERIC(39, 0),
    -- ledger close times of the events that created and canceled the stream
    created_at       TIMESTAMPTZ NOT NULL,
    canceled_at      TIMESTAMPTZ,
    created_event_id TEXT NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (contract_id, stream_id)
);
CREATE INDEX streams_sender ON streams (sender);
CREATE INDEX streams_receiver ON streams (receiver);

-- Every stream event applied to streams, keyed by its RPC event id: a replayed event finds its row and changes nothing.
CREATE TABLE stream_events (
    chain_id         TEXT NOT NULL,
    event_id         TEXT NOT NULL,
    contract_id      TEXT NOT NULL,
    stream_id        TEXT NOT NULL,
    action           TEXT NOT NULL CHECK (action IN ('create', 'claim', 'cancel')),
    ledger           BIGINT NOT NULL,
    ledger_time      TIMESTAMPTZ NOT NULL,
    tx_hash          TEXT NOT NULL,
    actor            TEXT NOT NULL,
    amount           NUMERIC(39, 0),
    persisted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the raw record that applied the event: a retry of that same record may publish again, a copy may not
    source_partition INTEGER NOT NULL,
    source_offset    BIGINT NOT NULL,
    PRIMARY KEY (chain_id, event_id)
);
CREATE INDEX stream_events_stream ON stream_events (contract_id, stream_id, ledger);

-- Events of a StellarStream contract whose action this version does not interpret, kept as they came.
CREATE TABLE stellar_raw_events (
    chain_id     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    contract_id  TEXT NOT NULL,
    action       TEXT NOT NULL,
    ledger       BIGINT NOT NULL,
    ledger_time  TIMESTAMPTZ NOT NULL,
    tx_hash      TEXT NOT NULL,
    topics_xdr   TEXT[] NOT NULL,
    data_xdr     TEXT NOT NULL,
    persisted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, event_id)
);
CREATE INDEX stellar_raw_events_action ON stellar_raw_events (action);
