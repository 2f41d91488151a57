package io.chainpulse.ingest.evm;

import io.chainpulse.schemas.raw.RawChainEvent;

/** The raw topic key: the identity of a log, so all versions of one log (added, removed) share a partition. */
public final class RawKeys {
    private RawKeys() {}

    public static String of(RawChainEvent event) {
        if (event.getEventId() != null) {
            return event.getChain().name().toLowerCase() + ":" + event.getChainId() + ":" + event.getEventId();
        }
        return EvmLogMapper.key(event);
    }
}
