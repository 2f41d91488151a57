package io.chainpulse.ingest.evm;

/** JSON-RPC quantities: 0x-prefixed hex. */
final class Hex {
    private Hex() {}

    static long toLong(String quantity) {
        if (quantity == null || !quantity.startsWith("0x")) {
            throw new IllegalArgumentException("not a JSON-RPC quantity: " + quantity);
        }
        return Long.parseLong(quantity.substring(2), 16);
    }

    static String of(long value) {
        return "0x" + Long.toHexString(value);
    }
}
