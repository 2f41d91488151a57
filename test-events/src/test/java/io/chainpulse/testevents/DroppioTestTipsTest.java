package io.chainpulse.testevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.processor.validate.DecodedLog;
import io.chainpulse.processor.validate.LogValidator;
import io.chainpulse.processor.validate.Validation;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DroppioTestTipsTest {
    private static final String CREATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String TIPPER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private final DroppioTestTips tips = new DroppioTestTips(PipelineStack.CHAIN_ID, PipelineStack.DROPPIO,
            Clock.systemUTC());

    @Test
    void shouldWriteATestTipThatTheProcessorAcceptsAsTipSentKeyedByTheCreatorWallet() {
        RawChainEvent tip = tips.tip(TIPPER, CREATOR, BigInteger.valueOf(250));

        Validation validation = new LogValidator(PipelineStack.CHAIN_ID, Set.of(PipelineStack.DROPPIO)).validate(tip);

        assertThat(tip.getOrigin()).isEqualTo("TEST");
        assertThat(validation).isInstanceOfSatisfying(Validation.Accepted.class, accepted ->
                assertThat(accepted.log()).isInstanceOfSatisfying(DecodedLog.TipSent.class, sent -> {
                    assertThat(sent.from()).isEqualTo(TIPPER);
                    assertThat(sent.to()).isEqualTo(CREATOR);
                    assertThat(sent.amountWei()).isEqualTo(BigInteger.valueOf(250));
                }));
        assertThat(DroppioTestTips.routingKey(tip)).isEqualTo("evm:31337:" + CREATOR);
    }
}
