package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagReportTest {

    @Test
    void shouldCountLagFromTheCommittedOffsetAndEverythingWhenNothingWasCommitted() {
        var rows = LagReport.partitionLags("processor",
                Map.of(new TopicPartition("raw", 0), OptionalLong.of(40)),
                Map.of(new TopicPartition("raw", 0), 50L, new TopicPartition("raw", 1), 7L));

        assertThat(rows).extracting(LagReport.PartitionLag::partition, LagReport.PartitionLag::lag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 10L), org.assertj.core.groups.Tuple.tuple(1, 7L));
    }

    @Test
    void shouldReportBlocksBehindOnlyWhenTheHeadIsKnown() throws Exception {
        var report = new LagReport(List.of(), List.of(
                new LagReport.SourceLag("evm-a", 90, 1L, OptionalLong.of(100)),
                new LagReport.SourceLag("evm-b", 90, 1L, OptionalLong.empty())));

        var json = new ObjectMapper().readTree(report.json());

        assertThat(json.at("/ingest/0/blocksBehind").asLong()).isEqualTo(10);
        assertThat(json.at("/ingest/1/blocksBehind").isNull()).isTrue();
        assertThat(report.table()).contains("evm-a").contains("(no consumer group has committed offsets)");
    }
}
