package io.chainpulse.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.processor.validate.DecodedLog;
import io.chainpulse.processor.validate.LogValidator;
import io.chainpulse.processor.validate.Validation;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestEventFactoryTest {
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String CREATOR = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String TIPPER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private final TestEventFactory factory = new TestEventFactory("31337", CONTRACT);
    private final LogValidator validator = new LogValidator("31337", Set.of(CONTRACT));

    @Test
    void shouldBuildATipThatTheProcessorDecodesAsTipSent() {
        String session = factory.randomWord();

        RawChainEvent tip = factory.build(TestEventKind.TIP, new TestEventRequest(CREATOR, TIPPER, BigInteger.valueOf(5_000), session));

        assertThat(tip.getOrigin()).isEqualTo("TEST");
        assertThat(validator.validate(tip)).isEqualTo(new Validation.Accepted(
                new DecodedLog.TipSent(TIPPER, CREATOR, BigInteger.valueOf(5_000), session)));
    }

    @Test
    void shouldBuildAWithdrawThatTheProcessorDecodes() {
        RawChainEvent withdraw = factory.build(TestEventKind.WITHDRAW,
                new TestEventRequest(CREATOR, TIPPER, BigInteger.TEN, factory.randomWord()));

        assertThat(validator.validate(withdraw)).isEqualTo(new Validation.Accepted(new DecodedLog.Withdraw(CREATOR, BigInteger.TEN)));
    }

    @Test
    void shouldKeyByTheCreatorWalletLikeIngestAndGiveEveryEventItsOwnTransaction() {
        RawChainEvent first = factory.tip(TIPPER, CREATOR, BigInteger.ONE, factory.randomWord());
        RawChainEvent second = factory.tip(TIPPER, CREATOR, BigInteger.ONE, factory.randomWord());

        var record = TestEventFactory.record(Topics.withPrefix("t"), first);

        assertThat(record.topic()).isEqualTo("t.raw-chain-events");
        assertThat(record.key()).isEqualTo("evm:31337:" + CREATOR);
        assertThat(first.getTxHash()).isNotEqualTo(second.getTxHash());
    }
}
