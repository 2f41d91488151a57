package io.chainpulse.ingest.stellar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One getEvents result. {@code cursor} is the id of the last event when the page is full, otherwise the end of
 * the scanned window; asking again after it continues exactly where this page stopped, even inside a ledger.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record EventsPage(List<RpcEvent> events, String cursor, long latestLedger, long oldestLedger) {
    EventsPage {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
