package io.chainpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.tip.TipEvent;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final Topics topics = Topics.withPrefix("test");

    @Test
    void shouldRoundTripARawEvent() {
        RawChainEvent event = RawChainEvent.newBuilder()
                .setChain(ChainKinds.EVM).setChainId("31337").setContractAddress("0xabc")
                .setBlockNumber(7).setBlockHash("0xb7").setBlockTimestamp(1_700_000_000_000L)
                .setTxHash("0xt").setLogIndex(2).setTopics(List.of("0x1", "0x2")).setData("0x00")
                .build();
        var serde = topics.raw().valueSerde();

        RawChainEvent back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", event));

        assertThat(back).isEqualTo(event);
        assertThat(back.getRemoved()).isFalse();
    }

    @Test
    void shouldRefuseBytesThatAreNotAnAvroRecordWithAClearError() {
        var deserializer = topics.raw().valueSerde().deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("t", "garbage".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawChainEvent");
    }

    @Test
    void shouldReadATipWrittenBeforeTheOriginFieldAsAChainTip() throws IOException {
        Schema released = SchemaHistory.olderVersionsOf(TipEvent.getClassSchema().getFullName()).get(0);
        GenericRecord old = new GenericData.Record(released);
        for (Schema.Field field : released.getFields()) {
            old.put(field.name(), switch (field.schema().getType()) {
                case STRING -> "x";
                case INT -> 1;
                default -> 1L;
            });
        }
        byte[] written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(old).array();

        TipEvent read = topics.tips().valueSerde().deserializer().deserialize("t", written);

        assertThat(released.getField("origin")).isNull();
        assertThat(read.getOrigin()).isEqualTo("CHAIN");
    }

    @Test
    void shouldRefuseABlankPrefix() {
        assertThatThrownBy(() -> Topics.withPrefix(" ")).hasMessageContaining("topic prefix");
    }
}
