package io.chainpulse.processor.stellar;

import static io.chainpulse.processor.stellar.TestStreamEvents.aContractId;
import static io.chainpulse.processor.stellar.TestStreamEvents.anAccount;
import static io.chainpulse.processor.stellar.TestStreamEvents.stroops;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.processor.stellar.StreamEventDecoder.Decoding;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.scval.Scv;
import org.stellar.sdk.xdr.SCVal;

class StreamEventDecoderTest {
    private final StreamEventDecoder decoder = new StreamEventDecoder();
    private final String contract = aContractId();
    private final String sender = anAccount();
    private final String receiver = anAccount();
    private final String token = aContractId();

    private StreamAction decode(RawChainEvent event) {
        Decoding decoding = decoder.decode(event.getTopics(), event.getData());
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        return ((Decoding.Decoded) decoding).action();
    }

    @Test
    void shouldDecodeAV1CreateWithItsNamedFields() {
        BigInteger total = new BigInteger("170141183460469231731687303715884105727");

        StreamAction action = decode(TestStreamEvents.v1Create(contract, 7, sender, receiver, token, total));

        assertThat(action).isEqualTo(new StreamAction.Created(1, "7", sender, receiver, token, total,
                1_763_769_600L, null, 1_763_869_600L));
    }

    @Test
    void shouldDecodeV1ClaimAndCancel() {
        assertThat(decode(TestStreamEvents.v1Claim(contract, 7, receiver, stroops(250), stroops(400))))
                .isEqualTo(new StreamAction.Claimed(1, "7", receiver, stroops(250), stroops(400)));
        assertThat(decode(TestStreamEvents.v1Cancel(contract, 7, sender, stroops(100), stroops(500))))
                .isEqualTo(new StreamAction.Canceled(1, "7", sender, stroops(100), stroops(500)));
    }

    @Test
    void shouldDecodeAV2CreateFromItsPositionalData() {
        StreamAction action = decode(TestStreamEvents.v2Create(contract, 42, sender, receiver, token, stroops(10_000_000)));

        assertThat(action).isEqualTo(new StreamAction.Created(2, "42", sender, receiver, token, stroops(10_000_000),
                1_763_769_600L, 1_763_779_600L, 1_763_869_600L));
    }

    @Test
    void shouldDecodeV2ClaimAndCancel() {
        assertThat(decode(TestStreamEvents.v2Claim(contract, 42, receiver, stroops(30), stroops(90))))
                .isEqualTo(new StreamAction.Claimed(2, "42", receiver, stroops(30), stroops(90)));
        assertThat(decode(TestStreamEvents.v2Cancel(contract, 42, receiver, stroops(60), stroops(40))))
                .isEqualTo(new StreamAction.Canceled(2, "42", receiver, stroops(60), stroops(40)));
    }

    @Test
    void shouldKeepOtherActionsOfBothVersionsAsOther() {
        assertThat(decode(TestStreamEvents.v2(contract, 42, "pause", List.of(Scv.toUint64(BigInteger.valueOf(42))))))
                .isEqualTo(new StreamAction.Other("pause"));
        assertThat(decode(TestStreamEvents.raw(contract, List.of(Scv.toSymbol("top_up"), Scv.toAddress(sender)),
                Scv.toInt128(BigInteger.TEN)))).isEqualTo(new StreamAction.Other("top_up"));
    }

    @Test
    void shouldCallAnEventUndecodableWhenItsXdrOrFieldsAreWrong() {
        RawChainEvent missingField = TestStreamEvents.raw(contract, List.of(Scv.toSymbol("claim"), Scv.toAddress(receiver)),
                Scv.toMap(new LinkedHashMap<>(Map.of(Scv.toSymbol("amount"), Scv.toInt128(BigInteger.ONE)))));

        assertThat(decoder.decode(missingField.getTopics(), missingField.getData()))
                .isInstanceOf(Decoding.Undecodable.class)
                .extracting(decoding -> ((Decoding.Undecodable) decoding).reason()).asString().contains("stream_id");
        assertThat(decoder.decode(List.of("not xdr!"), "AAAA")).isInstanceOf(Decoding.Undecodable.class);
        assertThat(decoder.decode(List.of(TestStreamEvents.xdr(Scv.toUint32(1))), TestStreamEvents.xdr(Scv.toVoid())))
                .isInstanceOf(Decoding.Undecodable.class);
    }

    @Test
    void shouldRefuseANegativeAmount() {
        RawChainEvent negative = TestStreamEvents.v1Claim(contract, 7, receiver, BigInteger.valueOf(-5), stroops(1));

        assertThat(decoder.decode(negative.getTopics(), negative.getData())).isInstanceOf(Decoding.Undecodable.class);
    }

    @Test
    void shouldTakeAStringForAnAddressOnlyInTestEvents() {
        RawChainEvent placeholders = TestStreamEvents.raw(contract, List.of(Scv.toString("test-stream-123"),
                Scv.toSymbol("create_v2")), v2Value("create_v2", List.of(Scv.toString("test-stream-123"),
                Scv.toString("GDSENDER..."), Scv.toString("GDRECEIVER..."), Scv.toAddress(token),
                Scv.toInt128(stroops(100)), u64(1), u64(1), u64(2), u64(1), Scv.toString("memo"))));

        Decoding strict = decoder.decode(placeholders.getTopics(), placeholders.getData());
        Decoding test = StreamEventDecoder.forTestEvents().decode(placeholders.getTopics(), placeholders.getData());

        assertThat(strict).isInstanceOf(Decoding.Undecodable.class);
        assertThat(test).isEqualTo(new Decoding.Decoded(new StreamAction.Created(2, "test-stream-123", "GDSENDER...",
                "GDRECEIVER...", token, stroops(100), 1, 1L, 2)));
    }

    private static SCVal v2Value(String action, List<SCVal> args) {
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("action"), Scv.toSymbol(action));
        data.put(Scv.toSymbol("data"), Scv.toVec(args));
        data.put(Scv.toSymbol("timestamp"), u64(1));
        data.put(Scv.toSymbol("version"), Scv.toUint32(2));
        return Scv.toMap(data);
    }

    private static SCVal u64(long value) {
        return Scv.toUint64(BigInteger.valueOf(value));
    }
}
