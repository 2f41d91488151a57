package io.chainpulse.ingest.evm;

import java.io.IOException;
import java.util.Locale;

/** A provider refused an eth_getLogs range as too wide or too busy; the caller shrinks the range and retries. */
final class RangeRefusal extends IOException {
    RangeRefusal(String message) {
        super(message);
    }

    static boolean isRangeRefusal(String message) {
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("range") || text.contains("too many") || text.contains("limit")
                || text.contains("exceed") || text.contains("429") || text.contains("too large");
    }
}
