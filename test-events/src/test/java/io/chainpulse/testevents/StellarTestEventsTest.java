package io.chainpulse.testevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.processor.stellar.StreamAction;
import io.chainpulse.processor.stellar.StreamEventDecoder;
import io.chainpulse.processor.stellar.StreamEventDecoder.Decoding;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StellarTestEventsTest {
    private final StellarTestEvents events = new StellarTestEvents(PipelineStack.STELLAR_CONTRACT,
            StellarTestEvents.networkId(TestEventSettings.TESTNET_PASSPHRASE),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldWriteTheOriginalsPlaceholdersAsStringsThatOnlyTheTestDecoderTakes() {
        RawChainEvent created = events.create("test-stream-123", "GDSENDER...", "GDRECEIVER...",
                new BigInteger("1000000000"));

        Decoding strict = new StreamEventDecoder().decode(created.getTopics(), created.getData());
        Decoding test = StreamEventDecoder.forTestEvents().decode(created.getTopics(), created.getData());

        assertThat(created.getOrigin()).isEqualTo("TEST");
        assertThat(strict).isInstanceOf(Decoding.Undecodable.class);
        assertThat(test).isInstanceOfSatisfying(Decoding.Decoded.class, decoded ->
                assertThat(decoded.action()).isInstanceOfSatisfying(StreamAction.Created.class, action -> {
                    assertThat(action.streamId()).isEqualTo("test-stream-123");
                    assertThat(action.sender()).isEqualTo("GDSENDER...");
                    assertThat(action.receiver()).isEqualTo("GDRECEIVER...");
                    assertThat(action.total()).isEqualTo(new BigInteger("1000000000"));
                }));
    }

    @Test
    void shouldWriteRealAddressesAndNumericIdsAsTheContractDoes() {
        String sender = PipelineStack.anAccount();
        String receiver = PipelineStack.anAccount();

        RawChainEvent claimed = events.claim("42", receiver, BigInteger.TEN, BigInteger.TEN);
        RawChainEvent canceled = events.cancel("42", sender, BigInteger.ONE, BigInteger.TWO);

        assertThat(new StreamEventDecoder().decode(claimed.getTopics(), claimed.getData())).isEqualTo(
                new Decoding.Decoded(new StreamAction.Claimed(2, "42", receiver, BigInteger.TEN, BigInteger.TEN)));
        assertThat(new StreamEventDecoder().decode(canceled.getTopics(), canceled.getData())).isEqualTo(
                new Decoding.Decoded(new StreamAction.Canceled(2, "42", sender, BigInteger.ONE, BigInteger.TWO)));
        assertThat(claimed.getOrigin()).isEqualTo("TEST");
        assertThat(claimed.getEventId()).isNotEqualTo(canceled.getEventId());
    }
}
