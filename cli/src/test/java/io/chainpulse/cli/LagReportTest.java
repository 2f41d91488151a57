package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
                .containsExactly(tuple(0, 10L), tuple(1, 7L));
    }

    @Test
    void shouldListARunningSourceThatHasNoCheckpointYet() throws Exception {
        var report = new LagReport(List.of(), List.of(LagReport.SourceLag.withoutCheckpoint("evm-dev-new", OptionalLong.of(12))));

        var json = new ObjectMapper().readTree(report.json());

        assertThat(json.at("/ingest/0/sourceId").asText()).isEqualTo("evm-dev-new");
        assertThat(json.at("/ingest/0/checkpointBlock").isNull()).isTrue();
        assertThat(json.at("/ingest/0/chainHead").asLong()).isEqualTo(12);
        assertThat(report.table()).containsPattern("evm-dev-new\\s+-\\s+12\\s+-");
    }

    @Test
    void shouldReportBlocksBehindOnlyWhenTheHeadIsKnown() throws Exception {
        var report = new LagReport(List.of(), List.of(
                new LagReport.SourceLag("evm-a", OptionalLong.of(90), OptionalLong.of(1L), OptionalLong.of(100)),
                new LagReport.SourceLag("evm-b", OptionalLong.of(90), OptionalLong.of(1L), OptionalLong.empty())));

        var json = new ObjectMapper().readTree(report.json());

        assertThat(json.at("/ingest/0/blocksBehind").asLong()).isEqualTo(10);
        assertThat(json.at("/ingest/1/blocksBehind").isNull()).isTrue();
        assertThat(report.table()).contains("evm-a").contains("(no consumer group has committed offsets)");
    }
}
