package io.chainpulse.gateway;

import io.chainpulse.schemas.tip.TipEvent;
import io.chainpulse.schemas.TipEventTypes;
import java.math.BigDecimal;
import java.util.UUID;

/** Tip events as the processor writes them. */
final class TestTips {
    private TestTips() {}

    static TipEvent aTip(String creatorId, String amountEth) {
        return aTip(creatorId, amountEth, "live", TipEventTypes.TIP_SENT);
    }

    static TipEvent aTip(String creatorId, String amountEth, String tipMode, String type) {
        BigDecimal eth = new BigDecimal(amountEth);
        return TipEvent.newBuilder()
                .setType(type)
                .setCreatorId(creatorId)
                .setCreatorWallet("0x" + "c".repeat(40))
                .setTipperAddress("0x" + "a".repeat(40))
                .setAmountWei(eth.movePointRight(18).toBigIntegerExact().toString())
                .setAmountEth(eth.toPlainString())
                .setChainId("31337")
                .setTxHash("0x" + UUID.randomUUID().toString().replace("-", "") + "0".repeat(32))
                .setLogIndex(0)
                .setBlockNumber(42)
                .setBlockTimestamp(1_760_000_000_000L)
                .setSessionId("0x" + "0".repeat(64))
                .setTipMode(tipMode)
                .setProcessedAt(1_760_000_001_000L)
                .build();
    }
}
