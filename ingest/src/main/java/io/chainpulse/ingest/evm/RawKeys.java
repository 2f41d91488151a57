package io.chainpulse.ingest.evm;

import io.chainpulse.schemas.raw.RawChainEvent;
import java.util.List;

/**
 * The raw topic key routes by the wallet an event is about (TipSent's {@code to}, Withdraw's {@code creator}),
 * so one creator's tips and withdrawals stay in order in one partition and balances add up in order.
 * Stellar events are keyed by their RPC event id. The dedupe identity is in the value, not the key.
 */
public final class RawKeys {
    private RawKeys() {}

    public static String of(RawChainEvent event) {
        if (event.getEventId() != null) {
            return event.getChain().toLowerCase() + ":" + event.getChainId() + ":" + event.getEventId();
        }
        List<String> topics = event.getTopics();
        String wallet = null;
        if (!topics.isEmpty() && EvmLogFollower.TIP_SENT_TOPIC.equalsIgnoreCase(topics.get(0)) && topics.size() > 2) {
            wallet = topics.get(2);
        } else if (!topics.isEmpty() && EvmLogFollower.WITHDRAW_TOPIC.equalsIgnoreCase(topics.get(0)) && topics.size() > 1) {
            wallet = topics.get(1);
        }
        if (wallet != null && wallet.length() == 66) {
            return "evm:" + event.getChainId() + ":0x" + wallet.substring(26).toLowerCase();
        }
        return EvmLogMapper.key(event);
    }
}
