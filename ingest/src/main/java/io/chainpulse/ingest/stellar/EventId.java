package io.chainpulse.ingest.stellar;

/**
 * A Soroban RPC event id or paging cursor, {@code <TOID>-<index>}: the TOID packs ledger (high 32 bits),
 * transaction (20 bits) and operation (12 bits); the index numbers the events of that operation.
 */
record EventId(long toid, long index) {

    static EventId parse(String text) {
        int dash = text == null ? -1 : text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("not a Soroban event id <TOID>-<index>: " + text);
        }
        try {
            return new EventId(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Soroban event id <TOID>-<index>: " + text, e);
        }
    }

    long ledger() {
        return toid >>> 32;
    }
}
