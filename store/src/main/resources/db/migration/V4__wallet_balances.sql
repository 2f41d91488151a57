-- Running balance per wallet (tips in minus withdrawals out, reverted rows excluded), kept up to date in the same
-- transaction as the rows that change it, so reading a balance costs one lookup however many tips a wallet has.
CREATE TABLE wallet_balances (
    wallet_address TEXT PRIMARY KEY CHECK (wallet_address = lower(wallet_address)),
    balance_wei    NUMERIC(78, 0) NOT NULL
);

INSERT INTO wallet_balances (wallet_address, balance_wei)
SELECT wallet, sum(amount)
FROM (SELECT to_wallet AS wallet, amount_wei AS amount FROM tips WHERE reverted_at IS NULL
      UNION ALL
      SELECT creator_wallet, -amount_wei FROM withdrawals WHERE reverted_at IS NULL) AS moves
GROUP BY wallet;

-- V3's index served the old sum-per-read; the running balance replaces it
DROP INDEX tips_live_amount_by_wallet;
