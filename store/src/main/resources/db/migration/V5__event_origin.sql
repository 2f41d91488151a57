-- Where each row's event came from: CHAIN for events ingested from a chain, TEST for events written by the test
-- endpoints and the produce command. Test rows are stored and delivered marked as such but never count as money:
-- they never move wallet_balances, an event only changes a stream of its own origin, and the tip history leaves them
-- out unless asked. Rows written before this migration cannot be told apart and stay CHAIN.
ALTER TABLE tips ADD COLUMN origin TEXT NOT NULL DEFAULT 'CHAIN' CHECK (origin IN ('CHAIN', 'TEST'));
ALTER TABLE withdrawals ADD COLUMN origin TEXT NOT NULL DEFAULT 'CHAIN' CHECK (origin IN ('CHAIN', 'TEST'));
ALTER TABLE streams ADD COLUMN origin TEXT NOT NULL DEFAULT 'CHAIN' CHECK (origin IN ('CHAIN', 'TEST'));
ALTER TABLE stream_events ADD COLUMN origin TEXT NOT NULL DEFAULT 'CHAIN' CHECK (origin IN ('CHAIN', 'TEST'));
ALTER TABLE stellar_raw_events ADD COLUMN origin TEXT NOT NULL DEFAULT 'CHAIN' CHECK (origin IN ('CHAIN', 'TEST'));
