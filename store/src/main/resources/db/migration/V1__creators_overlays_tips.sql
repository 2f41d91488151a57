-- Everyone who appears on chain or registers: creators and the viewers who tip them.
CREATE TABLE users (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    wallet_address TEXT NOT NULL UNIQUE CHECK (wallet_address = lower(wallet_address)),
    role           TEXT NOT NULL CHECK (role IN ('viewer', 'creator')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A creator is a user with role creator; creator_id is the user's id.
CREATE TABLE creators (
    creator_id     UUID PRIMARY KEY REFERENCES users (id),
    wallet_address TEXT NOT NULL UNIQUE CHECK (wallet_address = lower(wallet_address)),
    display_name   TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A creator is live while a session has started and not ended; tips then carry tipMode = live.
CREATE TABLE live_sessions (
    id         BIGSERIAL PRIMARY KEY,
    creator_id UUID NOT NULL REFERENCES creators (creator_id),
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX live_sessions_one_open ON live_sessions (creator_id) WHERE ended_at IS NULL;

-- Overlay access tokens: only a SHA-256 hash is stored.
CREATE TABLE overlays (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    creator_id UUID NOT NULL REFERENCES creators (creator_id),
    token_hash BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
CREATE INDEX overlays_creator ON overlays (creator_id);

-- One row per TipSent log; (chain_id, tx_hash, log_index) is the identity of a log.
CREATE TABLE tips (
    id               BIGSERIAL PRIMARY KEY,
    chain_id         TEXT NOT NULL,
    tx_hash          TEXT NOT NULL,
    log_index        INTEGER NOT NULL,
    contract_address TEXT NOT NULL,
    block_number     BIGINT NOT NULL,
    block_hash       TEXT NOT NULL,
    block_time       TIMESTAMPTZ NOT NULL,
    from_wallet      TEXT NOT NULL CHECK (from_wallet = lower(from_wallet)),
    to_wallet        TEXT NOT NULL CHECK (to_wallet = lower(to_wallet)),
    tipper_user_id   UUID NOT NULL REFERENCES users (id),
    creator_id       UUID REFERENCES creators (creator_id),
    amount_wei       NUMERIC(78, 0) NOT NULL CHECK (amount_wei > 0),
    session_id       TEXT NOT NULL,
    tip_mode         TEXT NOT NULL CHECK (tip_mode IN ('live', 'offline')),
    reverted_at      TIMESTAMPTZ,
    persisted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the raw record that wrote the row: a retry of that same record may publish again, a copy may not
    source_partition INTEGER NOT NULL,
    source_offset    BIGINT NOT NULL,
    UNIQUE (chain_id, tx_hash, log_index)
);
CREATE INDEX tips_to_wallet ON tips (to_wallet, block_number DESC);
CREATE INDEX tips_creator ON tips (creator_id, block_number DESC);

-- One row per Withdraw log; a creator's balance is their tips minus their withdrawals, reverted rows excluded.
CREATE TABLE withdrawals (
    id               BIGSERIAL PRIMARY KEY,
    chain_id         TEXT NOT NULL,
    tx_hash          TEXT NOT NULL,
    log_index        INTEGER NOT NULL,
    contract_address TEXT NOT NULL,
    block_number     BIGINT NOT NULL,
    block_hash       TEXT NOT NULL,
    block_time       TIMESTAMPTZ NOT NULL,
    creator_wallet   TEXT NOT NULL CHECK (creator_wallet = lower(creator_wallet)),
    amount_wei       NUMERIC(78, 0) NOT NULL CHECK (amount_wei >= 0),
    reverted_at      TIMESTAMPTZ,
    persisted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    source_partition INTEGER NOT NULL,
    source_offset    BIGINT NOT NULL,
    UNIQUE (chain_id, tx_hash, log_index)
);
CREATE INDEX withdrawals_wallet ON withdrawals (creator_wallet);
