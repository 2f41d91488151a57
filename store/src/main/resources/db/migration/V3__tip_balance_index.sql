-- Balances sum a wallet's live tips; an index carrying the amount lets PostgreSQL answer from the index alone.
CREATE INDEX tips_live_amount_by_wallet ON tips (to_wallet) INCLUDE (amount_wei) WHERE reverted_at IS NULL;
